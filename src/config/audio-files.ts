import { stat } from 'node:fs/promises';
import type { AudioFileInfo } from '../model/repo.js';
import { sha256File } from '../audio/hash.js';
import { MAX_INSPECTED_BYTES } from '../audio/limits.js';
import { resolveInsideRepo } from './inside-repo.js';

/** Resolve a `file:` path against the repo and say what is there, without following it outside. */
export async function inspectAudioPath(root: string, path: string): Promise<AudioFileInfo> {
  const where = await resolveInsideRepo(root, path);
  if (where.status === 'outside') return { path, status: 'outside-repo' };
  if (where.status === 'missing') return { path, status: 'missing' };
  const real = where.real;
  const info = await stat(real);
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : 'not a regular file';
    return { path, status: 'not-a-file', kind };
  }
  const sha256 = info.size <= MAX_INSPECTED_BYTES ? await sha256File(real).catch(() => undefined) : undefined;
  return { path, status: 'ok', size: info.size, absolutePath: real, ...(sha256 ? { sha256 } : {}) };
}
