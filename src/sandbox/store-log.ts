/**
 * The change log's lines. A line is `<checksum> <json>\n`: the checksum (16 hex digits of
 * the SHA-256 of the JSON) tells a complete line from one a killed writer left half-written.
 * The first line is a header naming the snapshot the log starts from; each following line is
 * one mutation (`seq` = previous + 1) as a list of upserts of whole, small entities:
 *   meta     next id, seeded_at, apply lock
 *   number   a number's fields and published version (not its versions)
 *   version  one flow version of one number
 *   user / team
 * Replaying a line twice gives the same state, so a crash between writing a new snapshot and
 * emptying the log loses nothing and doubles nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { accountMeta, flowVersion, numberHead, storedTeam, storedUser } from './state.js';

export const storeOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('meta'), meta: accountMeta }),
  z.object({ op: z.literal('number'), number: numberHead }),
  z.object({ op: z.literal('version'), number_id: z.number().int().positive(), version: flowVersion }),
  z.object({ op: z.literal('user'), user: storedUser }),
  z.object({ op: z.literal('team'), team: storedTeam }),
]);

export type StoreOp = z.infer<typeof storeOp>;

const logHeader = z.object({ log: z.literal('callflow-sandbox'), format: z.literal(2), base: z.number().int().nonnegative() });
const logRecord = z.object({ seq: z.number().int().positive(), ops: z.array(storeOp) });

export interface LogRecord {
  seq: number;
  ops: StoreOp[];
}

export type LogLine = { kind: 'header'; base: number } | { kind: 'record'; record: LogRecord };

export function encodeHeader(base: number): string {
  return encodeLine(JSON.stringify({ log: 'callflow-sandbox', format: 2, base }));
}

export function encodeRecord(record: LogRecord): string {
  return encodeLine(JSON.stringify(record));
}

function encodeLine(json: string): string {
  return `${checksum(json)} ${json}\n`;
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** One line without its newline, or undefined when it is torn, damaged or not ours. */
export function decodeLine(line: string): LogLine | undefined {
  const space = line.indexOf(' ');
  if (space !== 16) return undefined;
  const json = line.slice(17);
  if (checksum(json) !== line.slice(0, 16)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const header = logHeader.safeParse(value);
  if (header.success) return { kind: 'header', base: header.data.base };
  const record = logRecord.safeParse(value);
  return record.success ? { kind: 'record', record: record.data } : undefined;
}

export interface ScannedLog {
  lines: LogLine[];
  /** Bytes up to the end of the last good line. */
  goodBytes: number;
  /** Bytes after it: a torn or damaged tail (or a line still being written). */
  tail: Buffer;
}

/** Splits bytes into good lines, stopping at the first line that is incomplete or damaged. */
export function scanLog(bytes: Buffer): ScannedLog {
  const lines: LogLine[] = [];
  let position = 0;
  for (;;) {
    const end = bytes.indexOf(10, position);
    if (end < 0) break;
    const line = decodeLine(bytes.toString('utf8', position, end));
    if (!line) break;
    lines.push(line);
    position = end + 1;
  }
  return { lines, goodBytes: position, tail: bytes.subarray(position) };
}

/** A torn tail is at most one line: a writer killed mid-append. More means damage. */
export function isTornTail(tail: Buffer): boolean {
  const newline = tail.indexOf(10);
  return newline < 0 || newline === tail.length - 1;
}
