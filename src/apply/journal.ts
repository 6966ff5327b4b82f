import { appendFile, mkdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** One line of `.callflow/journal.jsonl`: an apply, who ran it, from which commit, and what happened. */
export interface JournalRecord {
  at: string;
  who: string;
  commit: string | null;
  planChecksum: string;
  provider: string;
  results: Array<{ number: string; status: string; detail?: string; publishedVersion?: number }>;
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
