import { describe, expect, it } from 'vitest';
import { sharedRefs } from '../../src/rules/shared-refs.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ref/unknown-schedule and ref/unknown-message', () => {
  it('points at the unknown names and suggests the existing files', async () => {
    const problems = await validateFixture('shared-refs');
    const schedule = expectProblem(problems, { rule: 'ref/unknown-schedule', file: 'config/numbers/line.yaml', line: 11, column: 17 });
    expect(schedule.message).toContain('did you mean "business-hours"?');
    const message = expectProblem(problems, { rule: 'ref/unknown-message', file: 'config/numbers/line.yaml', line: 16, column: 23 });
    expect(message.message).toContain('did you mean "closed-fr"?');
  });

  it('finds nothing in the example repo', async () => {
    expect(sharedRefs(await exampleRepo())).toEqual([]);
  });
});
