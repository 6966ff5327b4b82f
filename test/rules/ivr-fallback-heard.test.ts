import { describe, expect, it } from 'vitest';
import { ivrFallbackHeard } from '../../src/rules/ivr-fallback-heard.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ivr/fallback-silent', () => {
  it('refuses a fallback that ends the call in silence, quoting the seed', async () => {
    const problems = await validateFixture('ivr-fallback-silent');
    const file = 'config/numbers/line.yaml';
    const noInput = expectProblem(problems, { rule: 'ivr/fallback-silent', file, line: 13, column: 17 });
    expect(noInput.message).toBe('menu.no_input: "bye" hangs up with no message, so the caller hears nothing before the call ends');
    expect(noInput.hint).toContain('an audio message or a voicemail is required');
    expectProblem(problems, { rule: 'ivr/fallback-silent', file, line: 14, column: 22 });
    // Through a time rule that routes silently to the same hangup.
    const routed = expectProblem(problems, { rule: 'ivr/fallback-silent', file, line: 21, column: 17 });
    expect(routed.message).toContain('the call reaches "bye", which hangs up');
    // retries.final_message is heard before invalid_input: account.invalid_input (line 22) passes.
    expect(problems.filter((p) => p.rule === 'ivr/fallback-silent')).toHaveLength(3);
  });

  it('finds nothing in the example repo', async () => {
    expect(ivrFallbackHeard(await exampleRepo())).toEqual([]);
  });
});
