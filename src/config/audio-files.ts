import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AudioFileInfo } from '../model/repo.js';
import { sha256File } from '../audio/hash.js';
import { MAX_INSPECTED_BYTES } from '../audio/limits.js';

/** Resolve a `file:` path against the repo and say what is there, without following it outside. */
export async function inspectAudioPath(root: string, path: string): Promise<AudioFileInfo> {
  const rootReal = await realpath(root);
  if (isAbsolute(path) || path.includes('\\')) return { path, status: 'outside-repo' };
  const absolute = resolve(rootReal, path);
  if (!isInside(rootReal, absolute)) return { path, status: 'outside-repo' };
  const link = await lstat(absolute).catch(() => undefined);
  if (!link) return { path, status: 'missing' };
  const real = await realpath(absolute).catch(() => undefined);
  if (!real) return { path, status: 'missing' };
  if (!isInside(rootReal, real)) return { path, status: 'outside-repo' };
  const info = await stat(real);
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : 'not a regular file';
    return { path, status: 'not-a-file', kind };
  }
  const sha256 = info.size <= MAX_INSPECTED_BYTES ? await sha256File(real).catch(() => undefined) : undefined;
  return { path, status: 'ok', size: info.size, absolutePath: real, ...(sha256 ? { sha256 } : {}) };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
