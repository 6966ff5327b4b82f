import { describe, expect, it } from 'vitest';
import { flowNoExit } from '../../src/rules/flow-no-exit.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('flow/no-exit', () => {
  it('reports two messages pointing at each other once, naming the loop', async () => {
    const problems = (await validateFixture('flow-no-exit')).filter((p) => p.rule === 'flow/no-exit');
    expect(problems).toHaveLength(1);
    const problem = expectProblem(problems, { rule: 'flow/no-exit', file: 'config/numbers/line.yaml', line: 9, column: 5 });
    expect(problem.message).toContain('welcome → again → welcome');
  });

  it('finds nothing in the example repo', async () => {
    expect(flowNoExit(await exampleRepo())).toEqual([]);
  });
});
