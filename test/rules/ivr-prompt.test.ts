import { describe, expect, it } from 'vitest';
import { ivrPrompt } from '../../src/rules/ivr-prompt.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ivr/prompt-required', () => {
  it('points at an ivr and an input_ivr without a prompt', async () => {
    const problems = await validateFixture('ivr-prompt-required');
    expect(expectProblem(problems, { rule: 'ivr/prompt-required', file: 'config/numbers/line.yaml', line: 9, column: 5 }).message).toContain('ivr "welcome"');
    expect(expectProblem(problems, { rule: 'ivr/prompt-required', file: 'config/numbers/line.yaml', line: 14, column: 5 }).message).toContain('input_ivr "account"');
  });

  it('finds nothing in the example repo', async () => {
    expect(ivrPrompt(await exampleRepo())).toEqual([]);
  });
});
