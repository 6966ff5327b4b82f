import type { PathSegment } from '../config/locate.js';
import { locate } from '../config/locate.js';
import type { Entry, Repo } from '../model/repo.js';
import type { Problem, Severity } from '../model/problem.js';

/** A semantic check over the whole loaded repo. Returns problems; never throws. */
export type Rule = (repo: Repo) => Problem[];

/** Build a problem pointing at `path` inside an entry's YAML. */
export function problemAt(
  entry: Entry<unknown>,
  path: readonly PathSegment[],
  severity: Severity,
  rule: string,
  message: string,
  extra: { hint?: string; key?: boolean } = {},
): Problem {
  return {
    severity,
    rule,
    message,
    ...(extra.hint ? { hint: extra.hint } : {}),
    ...locate(entry.source, path, { key: extra.key ?? false }),
  };
}
