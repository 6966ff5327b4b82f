import { didYouMean } from '../config/did-you-mean.js';
import { unknownCalendar } from '../model/holiday-calendar.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** `holiday_calendar:` must name a country (or a region of it) the public-holiday library knows. */
export const scheduleCalendar: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.schedules.values()) {
    const calendar = entry.config.holiday_calendar;
    const unknown = calendar === undefined ? undefined : unknownCalendar(calendar);
    if (!calendar || !unknown) continue;
    const suggestion = didYouMean(calendar, unknown.known);
    problems.push(
      problemAt(entry, ['holiday_calendar'], 'error', 'schedule/holiday-calendar', `holiday_calendar: ${unknown.message}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, {
        hint: 'an ISO country code, or country-region: FR, DE-BY, US-NY',
      }),
    );
  }
  return problems;
};
