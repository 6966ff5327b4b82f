/**
 * `plan` in a pull request run: the pipeline's plan, except that a run without telephony
 * credentials (a pull request from a fork gets no secrets) validates and runs the flow tests
 * but skips the live read, instead of failing.
 */
import { hasErrors } from '../model/problem.js';
import { validateRepo, withPlanOf, type PipelineParts, type PlanOutcome, type ValidateResult } from '../pipeline/index.js';

export type PullRequestPlanOutcome = PlanOutcome | { kind: 'skipped'; validation: ValidateResult; reason: string };

class LiveReadSkipped extends Error {}

/**
 * `lacksCredentials` tells a refusal to open the account for want of credentials (the face
 * that knows the providers decides; GitHub code never meets a provider).
 */
export async function planForPullRequest(parts: PipelineParts, lacksCredentials: (error: unknown) => boolean): Promise<PullRequestPlanOutcome> {
  const guarded: PipelineParts = {
    ...parts,
    // Opening the account fails before any request when its credentials are not in the environment.
    connect: async (repo) => {
      try {
        return await parts.connect(repo);
      } catch (error) {
        if (lacksCredentials(error)) throw new LiveReadSkipped((error as Error).message);
        throw error;
      }
    },
  };
  const validation = await validateRepo({ root: parts.root, configDir: parts.configDir }, parts.checks);
  if (hasErrors(validation.problems)) return { kind: 'invalid', validation };
  try {
    return await withPlanOf(guarded, validation, async (planned) => planned);
  } catch (error) {
    if (!(error instanceof LiveReadSkipped)) throw error;
    return { kind: 'skipped', validation, reason: `this run has no telephony credentials (${error.message}); pull requests from forks get no secrets` };
  }
}
