/**
 * Wall-clock time in an IANA zone, with Intl only (no date library): what a schedule
 * sees when a call arrives, and how an ISO time without offset becomes an instant.
 */

export interface LocalTime {
  /** YYYY-MM-DD, the date a schedule's holidays and special days are keyed by. */
  date: string;
  weekday: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
  /** Seconds since local midnight, as the clock on the wall reads (DST days included). */
  secondOfDay: number;
  /** HH:MM:SS for transcripts. */
  clock: string;
  /** Offset from UTC in minutes at that instant, e.g. +60 for Paris in winter. */
  offsetMinutes: number;
}

const WEEKDAY_NAMES: Record<string, LocalTime['weekday']> = {
  Mon: 'monday', Tue: 'tuesday', Wed: 'wednesday', Thu: 'thursday', Fri: 'friday', Sat: 'saturday', Sun: 'sunday',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: string };

/** formatToParts is slow and flow tests ask for the same few instants again and again. */
const wallPartsCache = new Map<string, WallParts>();
const WALL_PARTS_CACHE_SIZE = 10_000;

function wallParts(epochMs: number, timeZone: string): WallParts {
  const key = `${timeZone}@${epochMs}`;
  const cached = wallPartsCache.get(key);
  if (cached) return cached;
  if (wallPartsCache.size >= WALL_PARTS_CACHE_SIZE) wallPartsCache.clear();
  const value = computeWallParts(epochMs, timeZone);
  wallPartsCache.set(key, value);
  return value;
}

function computeWallParts(epochMs: number, timeZone: string): WallParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const n = (type: string) => Number(parts[type]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second'), weekday: parts['weekday']! };
}

/** Offset of `timeZone` from UTC at an instant, in minutes. */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const p = wallParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export function localTimeAt(epochMs: number, timeZone: string): LocalTime {
  const p = wallParts(epochMs, timeZone);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return {
    date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
    weekday: WEEKDAY_NAMES[p.weekday]!,
    secondOfDay: p.hour * 3600 + p.minute * 60 + p.second,
    clock: `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
    offsetMinutes: offsetMinutesAt(epochMs, timeZone),
  };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an ISO date-time names. With an offset (or Z) it is absolute; without, it is
 * wall-clock time in `timeZone`, resolved like Temporal's 'compatible' disambiguation:
 * a time skipped by a DST gap moves forward by the gap, a repeated time takes the earlier instant.
 * Returns undefined when the text is not such a date-time or names an impossible date.
 */
export function instantOf(iso: string, timeZone: string): number | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, offset] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) return undefined;
  if (offset === 'Z') return wall;
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    return wall - sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  }
  return wallTimeToInstant(wall, timeZone);
}

/** `wall` is the local date-time encoded as if it were UTC. */
function wallTimeToInstant(wall: number, timeZone: string): number {
  const DAY = 86_400_000;
  // Offsets in force a day before and after bracket any single transition around `wall`.
  const before = offsetMinutesAt(wall - DAY, timeZone);
  const after = offsetMinutesAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wall - offsetMinutesAt(instant, timeZone) * 60_000 === instant)
    .sort((a, b) => a - b);
  // Overlap: two valid instants, take the earlier. Gap: none valid, keep the pre-transition offset.
  return candidates[0] ?? wall - before * 60_000;
}
