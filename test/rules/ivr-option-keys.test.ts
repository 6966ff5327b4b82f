import { describe, expect, it } from 'vitest';
import { ivrOptionKeys } from '../../src/rules/ivr-option-keys.js';
import { exampleRepo, expectProblem, rulesOf, validateFixture } from '../fixtures/broken/harness.js';

describe('ivr/option-key and ivr/no-options', () => {
  it('points at each key that is not a keypad key, and at empty options', async () => {
    const problems = await validateFixture('ivr-option-keys');
    expectProblem(problems, { rule: 'ivr/option-key', file: 'config/numbers/line.yaml', line: 14, column: 9 });
    expectProblem(problems, { rule: 'ivr/option-key', file: 'config/numbers/line.yaml', line: 15, column: 9 });
    expectProblem(problems, { rule: 'ivr/no-options', file: 'config/numbers/line.yaml', line: 21, column: 16 });
    // Bad keys are not also "never announced" by the prompt.
    expect(rulesOf(problems)).not.toContain('ivr/prompt-keys');
  });

  it('counts 1 and "1" as the same key', async () => {
    const problems = await validateFixture('ivr-duplicate-option');
    expect(expectProblem(problems, { rule: 'yaml/duplicate-key', file: 'config/numbers/line.yaml', line: 14, column: 9 }).message).toBe('duplicate key "1"');
  });

  it('finds nothing in the example repo', async () => {
    expect(ivrOptionKeys(await exampleRepo())).toEqual([]);
  });
});
