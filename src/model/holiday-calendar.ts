/**
 * Public holidays of a country or region (`FR`, `DE-BY`, `US-NY`) from the `date-holidays`
 * library, so a schedule need not list them by hand. Validation, simulation and flow tests
 * all ask here, so they agree on which days are holidays. Only days the library marks as
 * public holidays count (not bank, school or observance days).
 */
import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';

export interface CalendarHoliday {
  date: string;
  name: string;
}

/**
 * The library (with its moment-timezone and astronomy tables) costs ~0.1 s of CPU to load, so it
 * is loaded on the first question: a repo without a holiday calendar never pays for it.
 */
let loaded: typeof HolidaysType | undefined;
const Holidays = (): typeof HolidaysType => (loaded ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysType);
let shared: HolidaysType | undefined;
const library = (): HolidaysType => (shared ??= new (Holidays())());
/** Per calendar and year: date → name. The library recomputes its rules on every call. */
const years = new Map<string, Map<string, string>>();

function split(calendar: string): [country: string, region?: string] {
  const [country, region] = calendar.split('-') as [string, string?];
  return region ? [country, region] : [country];
}

/** Why a calendar code is not one the library knows, or undefined when it is. */
export function unknownCalendar(calendar: string): { message: string; known: string[] } | undefined {
  const [country, region] = split(calendar);
  const countries = library().getCountries('en') ?? {};
  if (!Object.hasOwn(countries, country)) return { message: `"${country}" is not a country with a public-holiday calendar`, known: Object.keys(countries) };
  if (region === undefined) return undefined;
  const regions = library().getStates(country, 'en') ?? {};
  if (Object.hasOwn(regions, region)) return undefined;
  const known = Object.keys(regions).map((code) => `${country}-${code}`);
  return { message: `"${region}" is not a region of ${countries[country]} with its own holidays`, known };
}

function holidaysOfYear(calendar: string, year: number): Map<string, string> {
  const key = `${calendar}@${year}`;
  let found = years.get(key);
  if (!found) {
    found = new Map();
    if (!unknownCalendar(calendar)) {
      const [country, region] = split(calendar);
      const Calendar = Holidays();
      const days = region ? new Calendar(country, region) : new Calendar(country);
      for (const holiday of days.getHolidays(year) || []) {
        const date = holiday.date.slice(0, 10);
        if (holiday.type === 'public' && !found.has(date)) found.set(date, holiday.name);
      }
    }
    if (years.size > 500) years.clear();
    years.set(key, found);
  }
  return found;
}

/** The public holiday on a local date (YYYY-MM-DD) in that calendar, if any. */
export function publicHolidayOn(calendar: string, date: string): CalendarHoliday | undefined {
  const name = holidaysOfYear(calendar, Number(date.slice(0, 4))).get(date);
  return name === undefined ? undefined : { date, name };
}

/** Every public holiday of a year, in date order. */
export function publicHolidaysIn(calendar: string, year: number): CalendarHoliday[] {
  return [...holidaysOfYear(calendar, year)].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}
