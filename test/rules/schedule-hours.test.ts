import { describe, expect, it } from 'vitest';
import { scheduleHours } from '../../src/rules/schedule-hours.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('schedule/*', () => {
  it('points at overlapping and backward ranges, impossible and repeated dates', async () => {
    const problems = await validateFixture('schedule-hours');
    const file = 'config/schedules/broken.yaml';
    expectProblem(problems, { rule: 'schedule/overlap', file, line: 2, column: 27 });
    expectProblem(problems, { rule: 'schedule/range', file, line: 3, column: 13 });
    expectProblem(problems, { rule: 'schedule/date', file, line: 5, column: 13 });
    expectProblem(problems, { rule: 'schedule/duplicate-date', file, line: 7, column: 13 });
  });

  it('finds nothing in the example repo', async () => {
    expect(scheduleHours(await exampleRepo())).toEqual([]);
  });
});
