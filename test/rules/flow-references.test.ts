import { describe, expect, it } from 'vitest';
import { flowReferences } from '../../src/rules/flow-references.js';
import { exampleRepo, expectProblem, rulesOf, validateFixture } from '../fixtures/broken/harness.js';

describe('flow/unknown-step', () => {
  it('points at a branch naming a missing step and suggests the close one', async () => {
    const problems = await validateFixture('flow-unknown-step');
    const problem = expectProblem(problems, { rule: 'flow/unknown-step', file: 'config/numbers/line.yaml', line: 12, column: 13 });
    expect(problem.message).toContain('did you mean "menu"?');
    // The dangling branch is one mistake: it is not also reported as a path that never ends.
    expect(rulesOf(problems)).not.toContain('flow/no-exit');
  });

  it('points at a start naming a missing step', async () => {
    expectProblem(await validateFixture('flow-unknown-start'), { rule: 'flow/unknown-step', file: 'config/numbers/line.yaml', line: 7, column: 10 });
  });

  it('finds nothing in the example repo', async () => {
    expect(flowReferences(await exampleRepo())).toEqual([]);
  });
});
