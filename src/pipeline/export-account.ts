/**
 * read live → files of a callflow repo (bootstrap a repo from an existing account). Needs only
 * the settings of the checkout (which account); writes into `out`, never over a file that says
 * something else, and never next to number files it did not write.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import { isInside } from '../config/inside-repo.js';
import { exportNumbers, type ExportResult } from '../drift/export-files.js';
import { toYaml } from '../drift/yaml-out.js';
import { readSettings } from './read-settings.js';
import { fetchAudio } from './fetch-audio.js';
import type { PipelineParts } from './parts.js';
import type { InvalidRepo } from './plan-repo.js';

export interface ExportOptions {
  /** Directory to write the repo into (absolute). */
  out: string;
  /** Only these numbers (E.164); all of the account when absent. */
  numbers?: readonly string[];
}

export type ExportOutcome =
  | InvalidRepo
  | { kind: 'unknown-numbers'; numbers: string[] }
  | { kind: 'conflicts'; paths: string[] }
  | { kind: 'audio-unavailable'; reason: string }
  /** A path built from the account's names would land outside --out. */
  | { kind: 'outside'; path: string }
  | { kind: 'exported'; out: string; result: ExportResult; written: string[] };

export async function exportAccount(parts: PipelineParts, options: ExportOptions): Promise<ExportOutcome> {
  const loaded = await readSettings(parts);
  if (loaded.kind === 'invalid') return loaded;
  const settingsFile = posix.join(parts.configDir, 'callflow.yaml');

  const provider = await parts.connect(loaded.repo);
  try {
    const account = await provider.readAccount();
    const wanted = options.numbers ? new Set(options.numbers) : undefined;
    if (wanted) {
      const unknown = [...wanted].filter((n) => !account.some((live) => live.number === n));
      if (unknown.length) return { kind: 'unknown-numbers', numbers: unknown };
    }
    const result = exportNumbers(wanted ? account.filter((n) => wanted.has(n.number)) : account, parts.configDir);
    const files = [...result.files];
    if (!(await exists(join(options.out, settingsFile)))) {
      // The provider the account was read with (CALLFLOW_PROVIDER may differ from this repo's settings); its type only.
      files.push({ path: settingsFile, text: toYaml({ provider: { type: provider.name } }, '../schema/callflow.schema.json') });
    }
    const audio = await fetchAudio(provider, result);
    if (typeof audio === 'string') return { kind: 'audio-unavailable', reason: audio };
    const contents = [...files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text) })), ...audio];
    // Names come from the account: whatever they say, nothing is read or written outside --out.
    const outside = contents.find((file) => !isInside(resolve(options.out), resolve(options.out, file.path)));
    if (outside) return { kind: 'outside', path: outside.path };
    const conflicts = await conflictsIn(options.out, parts.configDir, contents);
    if (conflicts.length) return { kind: 'conflicts', paths: conflicts };
    // Every directory first: one that cannot be made (a file in its place) fails before any file is written.
    for (const dir of new Set(contents.map((file) => dirname(join(options.out, file.path))))) await mkdir(dir, { recursive: true });
    for (const file of contents) await writeFile(join(options.out, file.path), file.bytes);
    parts.logger.info({ component: 'export', numbers: result.exported.length, files: contents.length }, 'exported');
    return { kind: 'exported', out: options.out, result, written: contents.map((c) => c.path) };
  } finally {
    await provider.close();
  }
}

/** Files that exist with other content, and number files this export would not write (a repo already there). */
async function conflictsIn(out: string, configDir: string, contents: ReadonlyArray<{ path: string; bytes: Buffer }>): Promise<string[]> {
  const conflicts: string[] = [];
  for (const file of contents) {
    const existing = await readFile(join(out, file.path)).catch(() => undefined);
    if (existing && !existing.equals(file.bytes)) conflicts.push(file.path);
  }
  conflicts.push(...(await inTheWay(out, contents)));
  const ours = new Set(contents.map((c) => c.path));
  const numbersDir = posix.join(configDir, 'numbers');
  const present = await readdir(join(out, numbersDir)).catch(() => [] as string[]);
  for (const name of present) {
    const path = posix.join(numbersDir, name);
    if (/\.ya?ml$/.test(name) && !ours.has(path)) conflicts.push(path);
  }
  return [...new Set(conflicts)].sort();
}

/** What the writes would trip on: a file where a directory must go, or a directory (or other) where a file must. */
async function inTheWay(out: string, contents: ReadonlyArray<{ path: string }>): Promise<string[]> {
  const found: string[] = [];
  const dirs = new Set<string>();
  for (const file of contents) {
    const info = await stat(join(out, file.path)).catch(() => undefined);
    if (info && !info.isFile()) found.push(file.path);
    for (let dir = posix.dirname(file.path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) dirs.add(dir);
  }
  for (const dir of dirs) {
    const info = await stat(join(out, dir)).catch(() => undefined);
    if (info && !info.isDirectory()) found.push(dir);
  }
  return found;
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}
