import { basename, extname, posix, relative, resolve, sep } from 'node:path';
import type { NumberConfig } from '../config/schema/index.js';
import type { Entry, Repo } from '../model/repo.js';

/**
 * A NUMBER argument names a number file three ways: its E.164 number (+33176360000, spaces
 * allowed), its file name (support-fr) or its path (config/numbers/support-fr.yaml, relative to cwd).
 */
export function findNumber(repo: Pick<Repo, 'numbers' | 'root'>, query: string, cwd: string): Entry<NumberConfig> | undefined {
  const compact = query.replace(/[\s.()-]/g, '');
  if (compact.startsWith('+')) return repo.numbers.find((entry) => entry.config.number === compact);
  const byName = repo.numbers.find((entry) => basename(entry.file, extname(entry.file)) === query);
  if (byName) return byName;
  const asPath = relative(repo.root, resolve(cwd, query)).split(sep).join(posix.sep);
  return repo.numbers.find((entry) => entry.file === asPath || entry.file === query);
}
