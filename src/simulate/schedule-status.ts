import { localTimeAt, type LocalTime } from './local-time.js';

/** What a time rule sees: open, closed, or a holiday (routed to `holiday`, else `closed`). */
export interface ScheduleStatus {
  status: 'open' | 'closed' | 'holiday';
  /** Why, in words, for transcripts and divergence messages: "monday 09:00-12:30", "holiday Noël". */
  reason: string;
  local: LocalTime;
  timeZone: string;
}

/** Opening hours as a schedule file and the canonical document both carry them. */
export interface ScheduleHours {
  /** The schedule's own zone; the number's when absent. */
  timezone?: string;
  weekly: Readonly<Partial<Record<string, readonly string[]>>>;
  holidays?: ReadonlyArray<{ date: string; name?: string }>;
  special_days?: ReadonlyArray<{ date: string; name?: string; hours: readonly string[] }>;
}

const seconds = (time: string) => Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60;

/**
 * Evaluate a schedule at an instant, on the wall clock of the schedule's zone (or the number's).
 * Precedence: holidays, then special days, then the weekly ranges. A range includes its start
 * and excludes its end, so "09:00-12:30" is closed at 12:30:00.
 */
export function scheduleStatusAt(schedule: ScheduleHours, epochMs: number, numberTimeZone: string): ScheduleStatus {
  const timeZone = schedule.timezone ?? numberTimeZone;
  const local = localTimeAt(epochMs, timeZone);
  const at = `${local.date} ${local.clock.slice(0, 5)} ${timeZone}`;

  const holiday = schedule.holidays?.find((h) => h.date === local.date);
  if (holiday) return { status: 'holiday', reason: `holiday${holiday.name ? ` ${holiday.name}` : ''} (${at})`, local, timeZone };

  const special = schedule.special_days?.find((d) => d.date === local.date);
  const ranges = special ? special.hours : (schedule.weekly[local.weekday] ?? []);
  const day = special ? `special day${special.name ? ` ${special.name}` : ''}` : local.weekday;
  const range = ranges.find((r) => {
    const [from, to] = r.split('-') as [string, string];
    return seconds(from) <= local.secondOfDay && local.secondOfDay < seconds(to);
  });
  if (range) return { status: 'open', reason: `${day} ${range} (${at})`, local, timeZone };
  const hours = ranges.length ? `open ${ranges.join(', ')}` : 'no opening hours';
  return { status: 'closed', reason: `${day}, ${hours} (${at})`, local, timeZone };
}
