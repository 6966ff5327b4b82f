import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/model/problem.js';
import { flowUnreachable } from '../../src/rules/flow-unreachable.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('flow/unreachable', () => {
  it('warns at the key of a step nothing leads to, without failing validation', async () => {
    const problems = await validateFixture('flow-unreachable');
    expectProblem(problems, { rule: 'flow/unreachable', file: 'config/numbers/line.yaml', line: 11, column: 5, severity: 'warning' });
    expect(hasErrors(problems)).toBe(false);
  });

  it('says nothing when the start names no step: flow/unknown-step reports that start, once', async () => {
    const problems = await validateFixture('flow-unknown-start');
    expect(problems.map((p) => `${p.line} ${p.rule}`)).toEqual(['7 flow/unknown-step']);
  });

  it('says nothing while a branch names a missing step (a renamed step): the error is the one cause', async () => {
    const problems = await validateFixture('flow-renamed-step');
    expect(problems.map((p) => `${p.line} ${p.rule}`)).toEqual(['12 flow/unknown-step']);
  });

  it('finds nothing in the example repo', async () => {
    expect(flowUnreachable(await exampleRepo())).toEqual([]);
  });
});
