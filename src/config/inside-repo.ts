/**
 * Every file callflow reads from the repo stays inside it: a path that climbs out (`../`), an
 * absolute one, or a symlink whose target is elsewhere (`/proc/self/environ`, a secrets file)
 * is refused before anything is read, so its content can never reach a message.
 */
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export type RepoPath = { status: 'inside'; real: string } | { status: 'outside' } | { status: 'missing' };

/** Where a repo-relative path really is, once links are followed, if that is inside the repo; and its `lstat` when it is no link. */
export type InsideRepo = (path: string) => RepoPath & { stats?: Stats };

/**
 * Answers for many files of a few directories at one `lstat` a file: each directory's real
 * path is found once (for this reader's life: one load), and a file that is not a link is
 * where its directory is. A link is followed in full.
 */
export function insideRepoReader(root: string): InsideRepo {
  const rootReal = realOrUndefined(root) ?? resolve(root);
  const rootBase = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  const dirs = new Map<string, string | undefined>();
  return (path) => {
    if (isAbsolute(path) || path.includes('\\')) return { status: 'outside' };
    // A plain relative path (no "." or ".." segment, no empty one) cannot climb out: no need to resolve it.
    const absolute = PLAIN_PATH.test(path) ? `${rootBase}${path}` : resolve(rootReal, path);
    if (!isInside(rootReal, absolute)) return { status: 'outside' };
    const dir = dirname(absolute);
    if (!dirs.has(dir)) dirs.set(dir, realOrUndefined(dir));
    const dirReal = dirs.get(dir);
    if (dirReal === undefined) return { status: 'missing' };
    const real = `${dirReal.endsWith(sep) ? dirReal : dirReal + sep}${basename(absolute)}`;
    let stats: Stats;
    try {
      stats = lstatSync(real);
    } catch {
      return { status: 'missing' };
    }
    if (!stats.isSymbolicLink()) return isInside(rootReal, real) ? { status: 'inside', real, stats } : { status: 'outside' };
    const target = realOrUndefined(real);
    if (target === undefined) return { status: 'missing' };
    return isInside(rootReal, target) ? { status: 'inside', real: target } : { status: 'outside' };
  };
}

/** Segments of letters, digits and `_ - . @ +`, none starting with "." (so no "." or ".."), joined by "/". */
const PLAIN_PATH = /^[\w@+-][\w@+.-]*(?:\/[\w@+-][\w@+.-]*)*$/;

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
