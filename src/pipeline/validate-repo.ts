import { loadRepo, type LoadOptions } from '../config/load.js';
import type { Repo } from '../model/repo.js';
import { sortProblems, type Problem } from '../model/problem.js';
import { runRules } from '../rules/index.js';
import { capProblems } from '../rules/problem-cap.js';

/**
 * A check that needs I/O beyond reading config (probing audio, running flow tests). It is given
 * what the loader and the rules found (not what other checks found), so it can leave alone what
 * those problems already explain.
 */
export type RepoCheck = (repo: Repo, found: readonly Problem[]) => Promise<Problem[]>;

export interface ValidateResult {
  repo: Repo;
  problems: Problem[];
  /** What the loader and the rules found, as the checks were given it (a subset of `problems`, before the cap). */
  foundBeforeChecks: readonly Problem[];
  /** Text of every YAML file read, keyed by repo-relative path, for code frames. */
  sources: Map<string, string>;
}

/** parse + schema + rules (+ the extra checks given: audio content, flow tests). */
export async function validateRepo(options: LoadOptions, checks: readonly RepoCheck[] = []): Promise<ValidateResult> {
  const { repo, problems: loaded, sources } = await loadRepo(options);
  const found: readonly Problem[] = [...loaded, ...runRules(repo)];
  const checked: Problem[] = [];
  for (const check of checks) checked.push(...(await check(repo, found)));
  return { repo, problems: sortProblems(capProblems([...found, ...checked])), foundBeforeChecks: found, sources };
}
