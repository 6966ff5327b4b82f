import { z } from 'zod';
import { timezone } from './common.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME_RANGE = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DAY = `(?:${WEEKDAYS.join('|')})`;
/** A weekday or a range of weekdays: `monday`, `monday-friday`, `friday-monday` (wraps past Sunday). */
export const WEEKLY_KEY = new RegExp(`^${DAY}(?:-${DAY})?$`);
/** A country, or a country and region, as the public-holiday calendars name them: FR, DE-BY, US-NY. */
export const HOLIDAY_CALENDAR = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const timeRange = z
  .string()
  .regex(TIME_RANGE, { error: 'a range "HH:MM-HH:MM", e.g. "09:00-12:30"' })
  .meta({ description: 'Opening range, local time, "HH:MM-HH:MM" ("24:00" ends at midnight; "20:00-08:00" runs past midnight into the next day).' });

const date = z.string().regex(DATE, { error: 'a date "YYYY-MM-DD"' });

export const scheduleFile = z
  .strictObject({
    name: z.string().optional(),
    timezone: timezone.optional().meta({ description: 'Defaults to the timezone of the number that uses the schedule.' }),
    holiday_calendar: z
      .string()
      .regex(HOLIDAY_CALENDAR, { error: 'a country code, or country and region: "FR", "DE-BY", "US-NY"' })
      .optional()
      .meta({ description: 'Public holidays of a country or region (FR, DE-BY, US-NY…): closed all day like `holidays`.' }),
    weekly: z
      .record(z.union([z.enum(WEEKDAYS), z.string().regex(WEEKLY_KEY, { error: `a weekday (${WEEKDAYS.join(', ')}) or a range of them such as "monday-friday"` })]), z.array(timeRange))
      .meta({ description: 'Opening ranges per weekday or range of weekdays ("monday-friday"); a missing or empty day is closed.' }),
    holidays: z
      .array(z.strictObject({ date, name: z.string().optional() }))
      .optional()
      .meta({ description: 'Days closed all day (time rules route them to `holiday`, else `closed`).' }),
    special_days: z
      .array(z.strictObject({ date, name: z.string().optional(), hours: z.array(timeRange) }))
      .optional()
      .meta({ description: 'Days with different opening ranges (an empty list means closed).' }),
  })
  .meta({ title: 'callflow schedule', description: 'Named opening hours (config/schedules/*.yaml).' });

export type ScheduleConfig = z.infer<typeof scheduleFile>;
