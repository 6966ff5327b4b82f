/**
 * Every file callflow reads from the repo stays inside it: a path that climbs out (`../`), an
 * absolute one, or a symlink whose target is elsewhere (`/proc/self/environ`, a secrets file)
 * is refused before anything is read, so its content can never reach a message.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type RepoPath = { status: 'inside'; real: string } | { status: 'outside' } | { status: 'missing' };

/** Where a repo-relative path really is, once links are followed, if that is inside the repo. */
export async function resolveInsideRepo(root: string, path: string): Promise<RepoPath> {
  const rootReal = await realpath(root).catch(() => resolve(root));
  if (isAbsolute(path) || path.includes('\\')) return { status: 'outside' };
  const absolute = resolve(rootReal, path);
  if (!isInside(rootReal, absolute)) return { status: 'outside' };
  const real = await realpath(absolute).catch(() => undefined);
  if (!real) return { status: 'missing' };
  return isInside(rootReal, real) ? { status: 'inside', real } : { status: 'outside' };
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
