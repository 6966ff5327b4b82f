import { describe, expect, it } from 'vitest';
import { ivrFallbacks } from '../../src/rules/ivr-fallbacks.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ivr/no-input-target and ivr/invalid-input-target', () => {
  it('points at the step when no_input is missing and at the value when invalid_input leads nowhere', async () => {
    const problems = await validateFixture('ivr-fallbacks');
    expectProblem(problems, { rule: 'ivr/no-input-target', file: 'config/numbers/line.yaml', line: 9, column: 5 });
    const invalid = expectProblem(problems, { rule: 'ivr/invalid-input-target', file: 'config/numbers/line.yaml', line: 13, column: 22 });
    expect(invalid.message).toContain('"nowhere"');
    // One finding per mistake: the generic unknown-step rule leaves IVR fallbacks to this one.
    expect(problems.filter((p) => p.rule === 'flow/unknown-step')).toEqual([]);
  });

  it('finds nothing in the example repo', async () => {
    expect(ivrFallbacks(await exampleRepo())).toEqual([]);
  });
});
