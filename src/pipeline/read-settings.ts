import { posix } from 'node:path';
import { loadRepo } from '../config/load.js';
import type { Settings } from '../config/schema/index.js';
import type { Repo } from '../model/repo.js';
import { hasErrors } from '../model/problem.js';
import type { PipelineParts } from './parts.js';
import type { InvalidRepo } from './plan-repo.js';

/**
 * The checkout's settings alone (serve reads its schedule before any check; export needs only
 * the account): errors elsewhere in the config do not stop them. `repo` is what loaded.
 */
export async function readSettings(parts: Pick<PipelineParts, 'root' | 'configDir'>): Promise<{ kind: 'settings'; settings: Settings; repo: Repo } | InvalidRepo> {
  const loaded = await loadRepo({ root: parts.root, configDir: parts.configDir });
  const file = posix.join(parts.configDir, 'callflow.yaml');
  const problems = loaded.problems.filter((p) => p.file === file);
  if (hasErrors(problems)) return { kind: 'invalid', validation: { repo: loaded.repo, problems, foundBeforeChecks: problems, sources: loaded.sources } };
  return { kind: 'settings', settings: loaded.repo.settings, repo: loaded.repo };
}
