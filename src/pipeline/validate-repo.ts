import { loadRepo, type LoadOptions } from '../config/load.js';
import type { Repo } from '../model/repo.js';
import { sortProblems, type Problem } from '../model/problem.js';
import { runRules } from '../rules/index.js';
import { capProblems } from '../rules/problem-cap.js';

/** A check that needs I/O beyond reading config (probing audio, running flow tests). */
export type RepoCheck = (repo: Repo) => Promise<Problem[]>;

export interface ValidateResult {
  repo: Repo;
  problems: Problem[];
  /** Text of every YAML file read, keyed by repo-relative path, for code frames. */
  sources: Map<string, string>;
}

/** parse + schema + rules (+ the extra checks given: audio content, flow tests). */
export async function validateRepo(options: LoadOptions, checks: readonly RepoCheck[] = []): Promise<ValidateResult> {
  const { repo, problems, sources } = await loadRepo(options);
  problems.push(...runRules(repo));
  for (const check of checks) problems.push(...(await check(repo)));
  return { repo, problems: sortProblems(capProblems(problems)), sources };
}
