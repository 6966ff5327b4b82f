import { WEEKDAYS, type Weekday } from '../config/schema/index.js';
import type { Problem } from '../model/problem.js';
import { keysOfDay } from '../model/weekly.js';
import { problemAt, type Rule } from './rule.js';

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A range as minutes of its own day; an overnight range ("20:00-08:00") also opens the next morning. */
interface Span {
  from: number;
  to: number;
  range: string;
  path: (string | number)[];
}

function spansOf(ranges: readonly string[], path: (string | number)[]): { today: Span[]; tomorrow: Span[] } {
  const today: Span[] = [];
  const tomorrow: Span[] = [];
  ranges.forEach((range, index) => {
    const [from, to] = range.split('-').map(minutes) as [number, number];
    const at = [...path, index];
    if (to > from) today.push({ from, to, range, path: at });
    else if (to < from) {
      today.push({ from, to: 24 * 60, range, path: at });
      tomorrow.push({ from: 0, to, range, path: at });
    }
  });
  return { today, tomorrow };
}

/** Opening ranges must not be empty or overlap (overnight ranges included); dates must exist and not repeat. */
export const scheduleHours: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.schedules.values()) {
    const overlap = (spans: Span[]) => {
      const sorted = [...spans].sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i += 1) {
        const [a, b] = [sorted[i - 1]!, sorted[i]!];
        if (b.from < a.to) problems.push(problemAt(entry, b.path, 'error', 'schedule/overlap', `"${b.range}" overlaps "${a.range}"`));
      }
    };
    const empty = (ranges: readonly string[], path: (string | number)[]) =>
      ranges.forEach((range, index) => {
        const [from, to] = range.split('-') as [string, string];
        if (minutes(from) !== minutes(to)) return;
        problems.push(
          problemAt(entry, [...path, index], 'error', 'schedule/range', `"${range}" starts and ends at the same time`, {
            hint: 'a range runs from its start to its end; one that ends earlier runs past midnight ("20:00-08:00"); all day is "00:00-24:00"',
          }),
        );
      });

    // Each weekday gets the ranges of every key naming it, plus what the day before runs past midnight.
    const weekly = entry.config.weekly;
    const byDay = keysOfDay(weekly);
    const spans = new Map<Weekday, ReturnType<typeof spansOf>>();
    for (const day of WEEKDAYS) {
      const parts = (byDay.get(day) ?? []).map((key) => spansOf(weekly[key] ?? [], ['weekly', key]));
      spans.set(day, { today: parts.flatMap((p) => p.today), tomorrow: parts.flatMap((p) => p.tomorrow) });
    }
    for (const key of Object.keys(weekly)) empty(weekly[key] ?? [], ['weekly', key]);
    const reported = new Set<string>();
    WEEKDAYS.forEach((day, i) => {
      const before = spans.get(WEEKDAYS[(i + 6) % 7]!)!.tomorrow;
      const today = spans.get(day)!.today;
      // A key such as monday-friday repeats its overlaps on every day: say it once.
      const fresh = problems.length;
      overlap([...before, ...today]);
      const added = problems.splice(fresh);
      for (const problem of added) {
        const id = `${problem.line}:${problem.column}:${problem.message}`;
        if (!reported.has(id)) problems.push(problem);
        reported.add(id);
      }
    });

    const seen = new Map<string, string>();
    const checkDate = (date: string, path: (string | number)[]) => {
      if (!isRealDate(date)) problems.push(problemAt(entry, [...path, 'date'], 'error', 'schedule/date', `${date} is not a calendar date`));
      else if (seen.has(date)) problems.push(problemAt(entry, [...path, 'date'], 'error', 'schedule/duplicate-date', `${date} is listed twice (also at ${seen.get(date)})`));
      else seen.set(date, path.join('.'));
    };
    entry.config.holidays?.forEach((holiday, i) => checkDate(holiday.date, ['holidays', i]));
    entry.config.special_days?.forEach((day, i) => {
      checkDate(day.date, ['special_days', i]);
      empty(day.hours, ['special_days', i, 'hours']);
      overlap(spansOf(day.hours, ['special_days', i, 'hours']).today);
    });
  }
  return problems;
};

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}
