import { describe, expect, it } from 'vitest';
import { inputDigits } from '../../src/rules/input-digits.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('input/digits-bounds', () => {
  it('refuses min_digits above max_digits, and bounds on a fixed-length input', async () => {
    const problems = await validateFixture('input-digits');
    const file = 'config/numbers/line.yaml';
    expect(expectProblem(problems, { rule: 'input/digits-bounds', file, line: 13 }).message).toBe('input_ivr "booking": min_digits 8 is more than max_digits 6');
    expect(expectProblem(problems, { rule: 'input/digits-bounds', file, line: 22 }).message).toContain('ends after 4 digits');
  });

  it('finds nothing in the example repo', async () => {
    expect(inputDigits(await exampleRepo())).toEqual([]);
  });
});
