import { WEEKDAYS } from '../config/schema/index.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Opening ranges must run forward and not overlap; dates must exist and not repeat. */
export const scheduleHours: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.schedules.values()) {
    const checkRanges = (ranges: readonly string[], path: (string | number)[]) => {
      const spans = ranges.map((range, index) => {
        const [from, to] = range.split('-') as [string, string];
        return { index, from: minutes(from), to: minutes(to), range };
      });
      for (const span of spans) {
        if (span.to <= span.from) {
          problems.push(problemAt(entry, [...path, span.index], 'error', 'schedule/range', `"${span.range}" ends before it starts`, { hint: 'a range that crosses midnight is two ranges on two days' }));
        }
      }
      const sorted = [...spans].sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i += 1) {
        if (sorted[i]!.from < sorted[i - 1]!.to) {
          problems.push(problemAt(entry, [...path, sorted[i]!.index], 'error', 'schedule/overlap', `"${sorted[i]!.range}" overlaps "${sorted[i - 1]!.range}"`));
        }
      }
    };
    for (const day of WEEKDAYS) checkRanges(entry.config.weekly[day] ?? [], ['weekly', day]);
    const seen = new Map<string, string>();
    const checkDate = (date: string, path: (string | number)[]) => {
      if (!isRealDate(date)) problems.push(problemAt(entry, [...path, 'date'], 'error', 'schedule/date', `${date} is not a calendar date`));
      else if (seen.has(date)) problems.push(problemAt(entry, [...path, 'date'], 'error', 'schedule/duplicate-date', `${date} is listed twice (also at ${seen.get(date)})`));
      else seen.set(date, path.join('.'));
    };
    entry.config.holidays?.forEach((holiday, i) => checkDate(holiday.date, ['holidays', i]));
    entry.config.special_days?.forEach((day, i) => {
      checkDate(day.date, ['special_days', i]);
      checkRanges(day.hours, ['special_days', i, 'hours']);
    });
  }
  return problems;
};

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}
