import { readdir, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { AudioFileInfo } from '../model/repo.js';
import { sha256File } from '../audio/hash.js';
import { MAX_INSPECTED_BYTES } from '../audio/limits.js';
import type { InsideRepo } from './inside-repo.js';

/** Resolve a `file:` path against the repo and say what is there, without following it outside. */
export async function inspectAudioPath(inside: InsideRepo, path: string): Promise<AudioFileInfo> {
  const where = inside(path);
  if (where.status === 'outside') return { path, status: 'outside-repo' };
  if (where.status === 'missing') return { path, status: 'missing', nearby: await filesBeside(inside, path) };
  const real = where.real;
  const info = where.stats ?? (await stat(real));
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : 'not a regular file';
    return { path, status: 'not-a-file', kind };
  }
  const sha256 = info.size <= MAX_INSPECTED_BYTES ? await sha256File(real).catch(() => undefined) : undefined;
  return { path, status: 'ok', size: info.size, absolutePath: real, ...(sha256 ? { sha256 } : {}) };
}

/** Names a did-you-mean can offer for a missing file: the files of its directory, if that is in the repo. */
const MAX_NEARBY = 1000;

async function filesBeside(inside: InsideRepo, path: string): Promise<string[]> {
  const dir = posix.dirname(path);
  const where = dir === '.' ? undefined : inside(dir);
  if (where?.status !== 'inside') return [];
  const entries = await readdir(where.real, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).slice(0, MAX_NEARBY).map((e) => e.name);
}
