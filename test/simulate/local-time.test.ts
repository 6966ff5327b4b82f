import { describe, expect, it } from 'vitest';
import { instantOf, localTimeAt } from '../../src/simulate/local-time.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('instantOf', () => {
  it('reads a time without offset as wall-clock time in the zone', () => {
    expect(iso(instantOf('2026-11-30T10:00:00', 'Europe/Paris'))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(instantOf('2026-07-01T10:00', 'Europe/Paris'))).toBe('2026-07-01T08:00:00.000Z');
    expect(iso(instantOf('2026-12-01T11:00:00', 'America/New_York'))).toBe('2026-12-01T16:00:00.000Z');
  });

  it('honours an explicit offset or Z whatever the zone', () => {
    expect(iso(instantOf('2026-11-30T10:00:00+05:30', 'Europe/Paris'))).toBe('2026-11-30T04:30:00.000Z');
    expect(iso(instantOf('2026-11-30T10:00:00Z', 'America/New_York'))).toBe('2026-11-30T10:00:00.000Z');
  });

  it('moves a time skipped by spring-forward ahead by the gap (compatible)', () => {
    // Paris skips 02:00-03:00 on 2027-03-28: 02:30 becomes 03:30 CEST.
    const paris = instantOf('2027-03-28T02:30', 'Europe/Paris')!;
    expect(iso(paris)).toBe('2027-03-28T01:30:00.000Z');
    expect(localTimeAt(paris, 'Europe/Paris').clock).toBe('03:30:00');
    expect(iso(instantOf('2026-03-08T02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the earlier of two instants for a time repeated by fall-back (compatible)', () => {
    // 02:30 happens twice in Paris on 2026-10-25: first in CEST (+02:00).
    expect(iso(instantOf('2026-10-25T02:30', 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOf('2026-11-01T01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses impossible dates and other shapes', () => {
    expect(instantOf('2026-02-30T10:00', 'Europe/Paris')).toBeUndefined();
    expect(instantOf('2026-11-30 10:00', 'Europe/Paris')).toBeUndefined();
    expect(instantOf('tomorrow', 'Europe/Paris')).toBeUndefined();
  });
});

describe('localTimeAt', () => {
  it('gives the date, weekday and clock a schedule sees', () => {
    const local = localTimeAt(Date.parse('2026-11-29T23:30:00Z'), 'Europe/Paris');
    expect(local).toMatchObject({ date: '2026-11-30', weekday: 'monday', clock: '00:30:00', offsetMinutes: 60 });
    expect(localTimeAt(Date.parse('2026-11-29T23:30:00Z'), 'America/New_York')).toMatchObject({ date: '2026-11-29', weekday: 'sunday', offsetMinutes: -300 });
  });
});
