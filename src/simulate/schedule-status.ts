import { publicHolidayOn } from '../model/holiday-calendar.js';
import { localTimeAt, type LocalTime } from './local-time.js';

/** What a time rule sees: open, closed, or a holiday (routed to `holiday`, else `closed`). */
export interface ScheduleStatus {
  status: 'open' | 'closed' | 'holiday';
  /** Why, in words, for transcripts and divergence messages: "monday 09:00-12:30", "holiday Noël". */
  reason: string;
  local: LocalTime;
  timeZone: string;
}

/** Opening hours as a schedule file and the canonical document both carry them (weekly by single day). */
export interface ScheduleHours {
  /** The schedule's own zone; the number's when absent. */
  timezone?: string;
  /** Public holidays of a country or region (FR, DE-BY), closed like listed holidays. */
  holiday_calendar?: string;
  weekly: Readonly<Partial<Record<string, readonly string[]>>>;
  holidays?: ReadonlyArray<{ date: string; name?: string }>;
  special_days?: ReadonlyArray<{ date: string; name?: string; hours: readonly string[] }>;
}

const seconds = (time: string) => Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A listed holiday, else a public holiday of the schedule's calendar. */
export function holidayOn(schedule: ScheduleHours, date: string): { name?: string } | undefined {
  const listed = schedule.holidays?.find((h) => h.date === date);
  if (listed) return listed;
  return schedule.holiday_calendar ? publicHolidayOn(schedule.holiday_calendar, date) : undefined;
}

/** The ranges a day opens with and how to name that day: holiday (none), special day, or its weekday. */
function dayHours(schedule: ScheduleHours, date: string, weekday: string): { ranges: readonly string[]; day: string } {
  if (holidayOn(schedule, date)) return { ranges: [], day: 'holiday' };
  const special = schedule.special_days?.find((d) => d.date === date);
  if (special) return { ranges: special.hours, day: `special day${special.name ? ` ${special.name}` : ''}` };
  return { ranges: schedule.weekly[weekday] ?? [], day: weekday };
}

/** "20:00-08:00" runs past midnight: from its start to midnight, then on into the next day. */
const isOvernight = (range: string) => {
  const [from, to] = range.split('-') as [string, string];
  return seconds(to) <= seconds(from);
};

function previousDay(date: string, weekday: string): { date: string; weekday: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const before = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  const index = WEEKDAYS.indexOf(weekday as (typeof WEEKDAYS)[number]);
  return { date: before, weekday: WEEKDAYS[(index + 6) % 7]! };
}

/**
 * Evaluate a schedule at an instant, on the wall clock of the schedule's zone (or the number's).
 * Precedence: holidays (listed, then the public-holiday calendar), then special days, then the
 * weekly ranges. A range includes its start and excludes its end, so "09:00-12:30" is closed at
 * 12:30:00; an overnight range ("20:00-08:00") of one day keeps the next morning open, unless
 * that morning is a holiday.
 */
export function scheduleStatusAt(schedule: ScheduleHours, epochMs: number, numberTimeZone: string): ScheduleStatus {
  const timeZone = schedule.timezone ?? numberTimeZone;
  const local = localTimeAt(epochMs, timeZone);
  const at = `${local.date} ${local.clock.slice(0, 5)} ${timeZone}`;
  const now = local.secondOfDay;

  const holiday = holidayOn(schedule, local.date);
  if (holiday) return { status: 'holiday', reason: `holiday${holiday.name ? ` ${holiday.name}` : ''} (${at})`, local, timeZone };

  const { ranges, day } = dayHours(schedule, local.date, local.weekday);
  const range = ranges.find((r) => {
    const [from, to] = r.split('-') as [string, string];
    return isOvernight(r) ? seconds(from) <= now : seconds(from) <= now && now < seconds(to);
  });
  if (range) return { status: 'open', reason: `${day} ${range} (${at})`, local, timeZone };

  const yesterday = previousDay(local.date, local.weekday);
  const before = dayHours(schedule, yesterday.date, yesterday.weekday);
  const spill = before.ranges.find((r) => isOvernight(r) && now < seconds(r.split('-')[1]!));
  if (spill) return { status: 'open', reason: `${before.day} ${spill}, past midnight (${at})`, local, timeZone };

  const hours = ranges.length ? `open ${ranges.join(', ')}` : 'no opening hours';
  return { status: 'closed', reason: `${day}, ${hours} (${at})`, local, timeZone };
}
