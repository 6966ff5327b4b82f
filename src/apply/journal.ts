import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { LastWrite } from '../model/last-write.js';

/** One line of `.callflow/journal.jsonl`: an apply, who ran it, from which commit, and what happened. */
export interface JournalRecord {
  at: string;
  who: string;
  commit: string | null;
  planChecksum: string;
  provider: string;
  /** TelephonyProvider.account; absent in records written before it was kept. */
  account?: string;
  results: JournalResult[];
}

export interface JournalResult {
  number: string;
  status: string;
  detail?: string;
  publishedVersion?: number;
  /** The number as read right after it was written: what callflow wrote, for spotting edits made outside it. */
  live?: { fingerprint: string; publishedVersion: number | null };
}

export function journalPath(root: string): string {
  return join(root, '.callflow', 'journal.jsonl');
}

/** Append-only: one JSON object per line, written in a single append so lines never interleave. */
export async function appendJournal(root: string, record: JournalRecord): Promise<void> {
  const path = journalPath(root);
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify(record)}\n`);
}

/** Every record of the journal, oldest first; a missing journal is an empty one, a damaged line is skipped. */
export async function readJournal(root: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = await readFile(journalPath(root), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as JournalRecord;
      if (record && Array.isArray(record.results)) records.push(record);
    } catch {
      // A line cut short by a crash says nothing reliable; the others still do.
    }
  }
  return records;
}

/**
 * Per number (E.164), the last time callflow wrote it to this account and what it read back
 * then. A record without an account (an older journal) counts for any account of its provider.
 */
export function lastWrites(records: readonly JournalRecord[], provider: { name: string; account: string }): Map<string, LastWrite> {
  const out = new Map<string, LastWrite>();
  for (const record of records) {
    if (record.account === undefined ? record.provider !== provider.name : record.account !== provider.account) continue;
    for (const result of record.results) {
      if (result.status !== 'applied' || !result.live) continue;
      out.set(result.number, { at: record.at, who: record.who, fingerprint: result.live.fingerprint, publishedVersion: result.live.publishedVersion });
    }
  }
  return out;
}

export function whoIsApplying(env: NodeJS.ProcessEnv): string {
  if (env['GITHUB_ACTOR']) return `${env['GITHUB_ACTOR']} (GitHub Actions)`;
  try {
    return env['USER'] ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function currentCommit(root: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env['GITHUB_SHA']) return env['GITHUB_SHA'];
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root, timeout: 5000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
