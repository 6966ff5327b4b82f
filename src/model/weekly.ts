/**
 * Weekly opening hours as a team writes them (`monday-friday: [...]`, `saturday: [...]`) and as
 * every reader needs them: one list of ranges per weekday. A day named by several keys gets the
 * ranges of all of them.
 */
import { WEEKDAYS, type Weekday } from '../config/schema/index.js';

/** The weekdays a key of `weekly:` names, in order: `friday-monday` wraps past Sunday. */
export function daysOfKey(key: string): Weekday[] {
  const [from, to = from] = key.split('-') as [Weekday, Weekday?];
  const start = WEEKDAYS.indexOf(from);
  const end = WEEKDAYS.indexOf(to);
  if (start < 0 || end < 0) return [];
  const days: Weekday[] = [];
  for (let i = start; ; i = (i + 1) % WEEKDAYS.length) {
    days.push(WEEKDAYS[i]!);
    if (i === end) break;
  }
  return days;
}

export function expandWeekly(weekly: Readonly<Partial<Record<string, readonly string[]>>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, ranges] of Object.entries(weekly)) {
    for (const day of daysOfKey(key)) out[day] = [...(out[day] ?? []), ...(ranges ?? [])];
  }
  return out;
}

/** For each weekday, the `weekly:` keys that give it ranges (positions for rules). */
export function keysOfDay(weekly: Readonly<Partial<Record<string, readonly string[]>>>): Map<Weekday, string[]> {
  const out = new Map<Weekday, string[]>();
  for (const key of Object.keys(weekly)) for (const day of daysOfKey(key)) out.set(day, [...(out.get(day) ?? []), key]);
  return out;
}
