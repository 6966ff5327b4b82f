import { describe, expect, it } from 'vitest';
import { ringWaiting } from '../../src/rules/ring-waiting.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ring/waiting-required', () => {
  it('refuses waiting: none and an empty waiting, pointing at the value', async () => {
    const problems = await validateFixture('ring-waiting');
    expectProblem(problems, { rule: 'ring/waiting-required', file: 'config/numbers/line.yaml', line: 12, column: 16 });
    expectProblem(problems, { rule: 'ring/waiting-required', file: 'config/numbers/line.yaml', line: 17, column: 15 });
  });

  it('accepts a ring step without waiting (the default ringtone): nothing in the example repo', async () => {
    const repo = await exampleRepo();
    expect(repo.numbers.some((n) => Object.values(n.config.flow.steps).some((s) => s.type === 'ring' && s.waiting === undefined))).toBe(true);
    expect(ringWaiting(repo)).toEqual([]);
  });
});
