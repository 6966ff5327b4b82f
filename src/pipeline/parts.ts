import type { Logger } from 'pino';
import type { Repo } from '../model/repo.js';
import type { TelephonyProvider } from '../providers/provider.js';
import type { RepoCheck } from './validate-repo.js';

/**
 * What the pipeline is given rather than reaching for: where the repo is, how to log, what time
 * it is, which I/O checks to run, and how to open the telephony account. The faces (CLI,
 * GitHub, serve) build these once; tests pass their own.
 */
export interface PipelineParts {
  root: string;
  configDir: string;
  logger: Logger;
  /** Now: plans carry the time they were made, passed in so the same inputs give the same plan. */
  clock: () => Date;
  /** The I/O-bound checks run after the pure rules (audio content, flow tests). */
  checks: readonly RepoCheck[];
  /** Opens the account the loaded config names; the pipeline closes what it opens. */
  connect: (repo: Repo) => Promise<TelephonyProvider>;
}
