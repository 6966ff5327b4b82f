import { describe, expect, it } from 'vitest';
import { scheduleCalendar } from '../../src/rules/schedule-calendar.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('schedule/holiday-calendar and weekday ranges', () => {
  it('names an unknown region or country, with a suggestion', async () => {
    const problems = await validateFixture('schedule-calendar');
    const region = expectProblem(problems, { rule: 'schedule/holiday-calendar', file: 'config/schedules/broken.yaml', line: 1, column: 19 });
    expect(region.message).toBe('holiday_calendar: "XX" is not a region of Germany with its own holidays');
    const country = expectProblem(problems, { rule: 'schedule/holiday-calendar', file: 'config/schedules/typo.yaml', line: 1 });
    expect(country.message).toContain('"FX" is not a country');
  });

  it('finds overlaps across day ranges and past midnight, once each', async () => {
    const problems = await validateFixture('schedule-calendar');
    const file = 'config/schedules/broken.yaml';
    // 17:00-19:00 overlaps 09:00-18:00 on each of monday-friday: one problem, not five.
    expect(expectProblem(problems, { rule: 'schedule/overlap', file, line: 3, column: 34 }).message).toBe('"17:00-19:00" overlaps "09:00-18:00"');
    // Sunday's 22:00-06:00 runs into Monday morning, where 05:00-07:00 opens too.
    expect(expectProblem(problems, { rule: 'schedule/overlap', file, line: 5 }).message).toBe('"05:00-07:00" overlaps "22:00-06:00"');
    expect(problems.filter((p) => p.rule === 'schedule/overlap')).toHaveLength(2);
  });

  it('finds nothing in the example repo', async () => {
    expect(scheduleCalendar(await exampleRepo())).toEqual([]);
  });
});
