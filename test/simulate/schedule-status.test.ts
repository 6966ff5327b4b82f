import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../src/config/schema/index.js';
import { instantOf } from '../../src/simulate/local-time.js';
import { scheduleStatusAt } from '../../src/simulate/schedule-status.js';
import { expandWeekly } from '../../src/model/weekly.js';

const schedule: ScheduleConfig = {
  weekly: { monday: ['09:00-12:30', '14:00-18:00'], saturday: ['22:00-24:00'], sunday: ['03:00-05:00'] },
  holidays: [{ date: '2026-12-25', name: 'Noël' }],
  special_days: [
    { date: '2026-12-24', name: 'Réveillon', hours: ['09:00-12:00'] },
    { date: '2026-12-25', hours: ['09:00-18:00'] },
  ],
};
const at = (local: string, zone = 'Europe/Paris') => scheduleStatusAt(schedule, instantOf(local, zone)!, zone);

describe('scheduleStatusAt', () => {
  it('opens within a weekly range, start included and end excluded', () => {
    expect(at('2026-11-30T09:00:00').status).toBe('open');
    expect(at('2026-11-30T12:29:59').status).toBe('open');
    expect(at('2026-11-30T12:30:00').status).toBe('closed');
    expect(at('2026-11-30T13:00').reason).toContain('monday, open 09:00-12:30, 14:00-18:00');
    expect(at('2026-12-01T11:00').reason).toContain('tuesday, no opening hours');
  });

  it('evaluates the wall clock on a fall-back day, where 02:30 happens twice', () => {
    // Paris repeats 02:00-03:00 on 2026-10-25 (a Sunday, open 03:00-05:00).
    expect(scheduleStatusAt(schedule, Date.parse('2026-10-25T00:30:00Z'), 'Europe/Paris').status).toBe('closed'); // 02:30 CEST
    expect(scheduleStatusAt(schedule, Date.parse('2026-10-25T01:30:00Z'), 'Europe/Paris').status).toBe('closed'); // 02:30 CET
    expect(scheduleStatusAt(schedule, Date.parse('2026-10-25T02:00:00Z'), 'Europe/Paris').status).toBe('open'); // 03:00 CET
  });

  it('reads "24:00" as midnight', () => {
    expect(at('2026-11-28T23:59:59').status).toBe('open');
  });

  it('puts holidays before special days and weekly hours', () => {
    const christmas = at('2026-12-25T10:00');
    expect(christmas.status).toBe('holiday');
    expect(christmas.reason).toContain('Noël');
  });

  it('uses a special day instead of the weekly hours', () => {
    expect(at('2026-12-24T11:00').status).toBe('open');
    expect(at('2026-12-24T15:00')).toMatchObject({ status: 'closed' });
    expect(at('2026-12-24T15:00').reason).toContain('special day Réveillon');
  });

  it('evaluates the wall clock on a spring-forward day', () => {
    // 2027-03-28 is a Sunday; Paris skips 02:00-03:00. Open 03:00-05:00.
    expect(at('2027-03-28T02:30').status).toBe('open'); // 02:30 does not exist: it is 03:30
    expect(scheduleStatusAt(schedule, Date.parse('2027-03-28T00:59:00Z'), 'Europe/Paris').status).toBe('closed'); // 01:59 CET
    expect(scheduleStatusAt(schedule, Date.parse('2027-03-28T01:00:00Z'), 'Europe/Paris').status).toBe('open'); // 03:00 CEST
    expect(scheduleStatusAt(schedule, Date.parse('2027-03-28T03:00:00Z'), 'Europe/Paris').status).toBe('closed'); // 05:00 CEST
  });

  it('uses the schedule\'s own timezone over the number\'s', () => {
    const nyc: ScheduleConfig = { timezone: 'America/New_York', weekly: { monday: ['08:00-20:00'] } };
    // 14:30 in Paris is 08:30 in New York: open there.
    expect(scheduleStatusAt(nyc, instantOf('2026-11-30T14:30', 'Europe/Paris')!, 'Europe/Paris').status).toBe('open');
    expect(scheduleStatusAt(nyc, instantOf('2026-11-30T13:30', 'Europe/Paris')!, 'Europe/Paris').status).toBe('closed');
  });

  it('keeps an overnight range open past midnight into the next morning', () => {
    const night: ScheduleConfig = { weekly: { 'monday-friday': ['20:00-08:00'] } };
    const status = (local: string) => scheduleStatusAt(expanded(night), instantOf(local, 'Europe/Berlin')!, 'Europe/Berlin');
    expect(status('2026-11-30T19:59').status).toBe('closed'); // monday
    expect(status('2026-11-30T23:30').status).toBe('open');
    expect(status('2026-12-01T07:59')).toMatchObject({ status: 'open', reason: expect.stringContaining('monday 20:00-08:00, past midnight') });
    expect(status('2026-12-01T08:00').status).toBe('closed');
    expect(status('2026-12-05T07:00').status).toBe('open'); // saturday morning: friday night runs on
    expect(status('2026-12-06T07:00').status).toBe('closed'); // sunday morning: saturday has no night
  });

  it('takes the public holidays of a holiday_calendar, by region where it matters', () => {
    const paris: ScheduleConfig = { holiday_calendar: 'FR', weekly: { 'monday-friday': ['09:00-18:00'] } };
    const bavaria: ScheduleConfig = { holiday_calendar: 'DE-BY', weekly: { 'monday-friday': ['09:00-18:00'] } };
    const berlin: ScheduleConfig = { holiday_calendar: 'DE-BE', weekly: { 'monday-friday': ['09:00-18:00'] } };
    const status = (s: ScheduleConfig, local: string, zone = 'Europe/Paris') => scheduleStatusAt(expanded(s), instantOf(local, zone)!, zone);
    expect(status(paris, '2026-05-08T10:00')).toMatchObject({ status: 'holiday', reason: expect.stringContaining('Victoire') });
    expect(status(paris, '2026-05-07T10:00').status).toBe('open');
    // Corpus Christi (Fronleichnam) is a public holiday in Bavaria, not in Berlin.
    expect(status(bavaria, '2026-06-04T10:00', 'Europe/Berlin').status).toBe('holiday');
    expect(status(berlin, '2026-06-04T10:00', 'Europe/Berlin').status).toBe('open');
  });
});

const expanded = (s: ScheduleConfig): ScheduleConfig => ({ ...s, weekly: expandWeekly(s.weekly) });
