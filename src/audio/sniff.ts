import { open } from 'node:fs/promises';

/** What a file's first bytes say it is, whatever its name says. */
export type SniffedKind = 'empty' | 'mp3' | 'mp4' | 'wav' | 'ogg' | 'flac' | 'aiff' | 'unknown';

export interface Sniffed {
  kind: SniffedKind;
  /** Bytes taken by a leading ID3v2 tag (header, frames, padding, footer); 0 when none. */
  id3v2Bytes: number;
  /** Apple/iTunes markers found in the tag area or leading atoms (`iTunSMPB`, `com.apple.`, `ftyp`…). */
  appleMarkers: string[];
  /** What breaks the ID3v2 header's own format, when something does. */
  id3v2Problem?: string;
}

/** How far past the ID3 tag we look for container magic and Apple atoms. */
const HEAD_BYTES = 64 * 1024;
/** Never read more than this, even for a huge tag (its size alone is the finding). */
const MAX_SCAN_BYTES = 1024 * 1024;
const APPLE_MARKERS = ['iTunSMPB', 'iTunNORM', 'iTunPGAP', 'iTunes_CDDB', 'com.apple.'] as const;

export async function sniffFile(path: string): Promise<Sniffed> {
  const file = await open(path, 'r');
  try {
    const header = await readAt(file, 0, 10);
    const id3v2Bytes = id3v2Size(header);
    const head = await readAt(file, 0, Math.min(id3v2Bytes + HEAD_BYTES, MAX_SCAN_BYTES));
    const footerAt = id3v2Bytes - 10;
    const footer = hasFooterFlag(header) ? await readAt(file, footerAt, 10) : undefined;
    const { problem } = id3v2Header(header, footer);
    return { kind: sniffKind(head, id3v2Bytes), id3v2Bytes, appleMarkers: appleMarkersIn(head), ...(problem ? { id3v2Problem: problem } : {}) };
  } finally {
    await file.close();
  }
}

async function readAt(file: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** ID3v2 header: "ID3", version, flags, then a 28-bit "syncsafe" size that excludes the header. */
export function id3v2Size(header: Buffer): number {
  if (header.length < 10 || header.toString('latin1', 0, 3) !== 'ID3') return 0;
  const sizeBytes = [header[6]!, header[7]!, header[8]!, header[9]!];
  if (sizeBytes.some((b) => b >= 0x80)) return 0;
  const size = (sizeBytes[0]! << 21) | (sizeBytes[1]! << 14) | (sizeBytes[2]! << 7) | sizeBytes[3]!;
  const hasFooter = (header[5]! & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}

/**
 * Whether an ID3v2 header keeps its own format (id3.org, ID3v2.4 §3.1): a known version, flags
 * the version defines, a size of four 7-bit bytes, and the footer ("3DI") its flag announces.
 * A file that breaks it may be read by the platform as anything, so it is refused.
 */
export function id3v2Header(header: Buffer, footer?: Buffer): { problem?: string } {
  if (header.length < 10 || header.toString('latin1', 0, 3) !== 'ID3') return {};
  const version = header[3]!;
  if (version < 2 || version > 4 || header[4] === 0xff) return { problem: `an ID3 tag of unknown version 2.${version}.${header[4]}` };
  const sizeBytes = [header[6]!, header[7]!, header[8]!, header[9]!];
  if (sizeBytes.some((b) => b >= 0x80)) return { problem: 'a malformed ID3 header: its size bytes are not 7-bit (a byte ≥ 0x80)' };
  const undefinedFlags = header[5]! & (version === 4 ? 0x0f : version === 3 ? 0x1f : 0x3f);
  if (undefinedFlags) return { problem: `a malformed ID3 header: flags ID3v2.${version} does not define are set` };
  if (hasFooterFlag(header) && footer?.toString('latin1', 0, 3) !== '3DI') return { problem: 'a malformed ID3 header: it announces a footer that is not there' };
  return {};
}

function hasFooterFlag(header: Buffer): boolean {
  return header.length >= 10 && header.toString('latin1', 0, 3) === 'ID3' && header[3] === 4 && (header[5]! & 0x10) !== 0;
}

/** What a file's bytes (all of them, or at least its head) say it is. */
export function sniffBytes(bytes: Buffer): SniffedKind {
  return sniffKind(bytes, id3v2Size(bytes));
}

function sniffKind(head: Buffer, id3v2Bytes: number): SniffedKind {
  if (head.length === 0) return 'empty';
  const at = (offset: number, text: string) => head.toString('latin1', offset, offset + text.length) === text;
  if (at(4, 'ftyp')) return 'mp4';
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'wav';
  if (at(0, 'OggS')) return 'ogg';
  if (at(0, 'fLaC') || at(id3v2Bytes, 'fLaC')) return 'flac';
  if (at(0, 'FORM') && (at(8, 'AIFF') || at(8, 'AIFC'))) return 'aiff';
  // An MPEG audio frame starts with 11 set sync bits; layer bits 01 mean Layer III.
  const a = head[id3v2Bytes];
  const b = head[id3v2Bytes + 1];
  if (a === 0xff && b !== undefined && (b & 0xe0) === 0xe0 && (b & 0x06) === 0x02) return 'mp3';
  return 'unknown';
}

function appleMarkersIn(head: Buffer): string[] {
  const found: string[] = APPLE_MARKERS.filter((marker) => head.includes(marker, 0, 'latin1'));
  if (head.toString('latin1', 4, 8) === 'ftyp') found.push('MP4 atoms (ftyp)');
  return found;
}
