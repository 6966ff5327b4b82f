import { posix, relative, resolve, sep } from 'node:path';
import { fileStem } from '../model/file-stem.js';
import { didYouMean } from '../config/did-you-mean.js';
import type { NumberConfig } from '../config/schema/index.js';
import type { Entry, Repo } from '../model/repo.js';

/**
 * A NUMBER argument names a number file three ways: its E.164 number (+33176360000, spaces
 * allowed), its file name (support-fr) or its path (config/numbers/support-fr.yaml, relative to cwd).
 */
export function findNumber(repo: Pick<Repo, 'numbers' | 'root'>, query: string, cwd: string): Entry<NumberConfig> | undefined {
  const compact = compactNumber(query);
  if (compact.startsWith('+')) return repo.numbers.find((entry) => entry.config.number === compact);
  const byName = repo.numbers.find((entry) => fileStem(entry.file) === query);
  if (byName) return byName;
  const asPath = repoPath(repo.root, query, cwd);
  return repo.numbers.find((entry) => entry.file === asPath || entry.file === query);
}

/**
 * For a NUMBER nothing matches: the number, file name or path it was probably meant to be,
 * written the way the query was (support-fx → support-fr), or nothing when none is close.
 */
export function nearestNumber(repo: Pick<Repo, 'numbers' | 'root'>, query: string, cwd: string): string | undefined {
  const compact = compactNumber(query);
  if (compact.startsWith('+')) return didYouMean(compact, repo.numbers.map((entry) => entry.config.number));
  if (!/[/\\]|\.ya?ml$/i.test(query)) return didYouMean(query, repo.numbers.map((entry) => fileStem(entry.file)));
  const file = didYouMean(repoPath(repo.root, query, cwd), repo.numbers.map((entry) => entry.file));
  return file === undefined ? undefined : relative(cwd, resolve(repo.root, file)).split(sep).join(posix.sep);
}

/**
 * The number file a NUMBER names by file name or path when that file was read but did not load
 * (YAML or schema errors): it is there, so "no number matches" would send the user looking
 * elsewhere. `read`: every file read, repo-relative.
 */
export function unloadedNumberFile(repo: Pick<Repo, 'numbers' | 'root' | 'configDir'>, read: Iterable<string>, query: string, cwd: string): string | undefined {
  const asPath = repoPath(repo.root, query, cwd);
  return unloadedNumberFiles(repo, read).find((file) => fileStem(file) === query || file === asPath || file === query);
}

/** Number files that were read but did not load: their tests and flows are not in the repo. */
export function unloadedNumberFiles(repo: Pick<Repo, 'numbers' | 'configDir'>, read: Iterable<string>): string[] {
  const loaded = new Set(repo.numbers.map((entry) => entry.file));
  return [...read].filter((file) => file.startsWith(`${repo.configDir}/numbers/`) && !loaded.has(file));
}

function compactNumber(query: string): string {
  return query.replace(/[\s.()-]/g, '');
}

function repoPath(root: string, query: string, cwd: string): string {
  return relative(root, resolve(cwd, query)).split(sep).join(posix.sep);
}

/** What `simulate` and `test` say when a NUMBER matches no file: a guess when one is close, else the choices. */
export function noNumberMatches(repo: Pick<Repo, 'numbers' | 'root'>, query: string, cwd: string): string {
  const suggestion = nearestNumber(repo, query, cwd);
  if (suggestion !== undefined) return `no number matches "${query}"; did you mean "${suggestion}"?`;
  const known = repo.numbers.map((n) => `${n.config.number} (${n.file})`).join(', ') || 'none';
  return `no number matches "${query}"; known numbers: ${known}`;
}
