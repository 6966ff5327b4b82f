import { describe, expect, it } from 'vitest';
import { numberDuplicate } from '../../src/rules/number-duplicate.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('number/duplicate', () => {
  it('points at the number in the second file and names the first', async () => {
    const problem = expectProblem(await validateFixture('number-duplicate'), { rule: 'number/duplicate', file: 'config/numbers/b-second.yaml', line: 2, column: 9 });
    expect(problem.message).toContain('config/numbers/a-first.yaml');
  });

  it('finds nothing in the example repo', async () => {
    expect(numberDuplicate(await exampleRepo())).toEqual([]);
  });
});
