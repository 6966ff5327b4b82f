import type { Logger } from 'pino';
import { buildPlan, type Plan } from '../plan/index.js';
import { openProvider } from '../providers/open-provider.js';
import type { LiveNumber, LiveNumberSummary, TelephonyProvider } from '../providers/provider.js';
import { hasErrors } from '../report/problem.js';
import { validateRepo, type RepoCheck, type ValidateResult } from '../validate/validate-repo.js';
import { readLiveNumbers } from './read-live.js';

export interface MakePlanInput {
  root: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  checks: readonly RepoCheck[];
  now?: () => Date;
}

export type MakePlanResult =
  | { ok: false; validation: ValidateResult }
  | { ok: true; validation: ValidateResult; plan: Plan; provider: TelephonyProvider; live: LiveNumber[] };

/**
 * The manager step shared by `plan` and `apply`: validate the repo (nothing is read from
 * the account when it has errors), open the provider, read every managed number, plan.
 * On success the caller owns `provider` and must close it.
 */
export async function makePlan(input: MakePlanInput): Promise<MakePlanResult> {
  const validation = await validateRepo({ root: input.root, configDir: input.configDir }, input.checks);
  if (hasErrors(validation.problems)) return { ok: false, validation };
  const provider = await openProvider({ root: input.root, configDir: input.configDir, settings: validation.repo.settings, env: input.env, logger: input.logger });
  try {
    const summaries = await provider.listNumbers();
    const wanted = new Set(validation.repo.numbers.map((n) => n.config.number));
    const live = await readLiveNumbers(provider, managedIds(summaries, wanted));
    const plan = buildPlan({
      repo: validation.repo,
      live,
      liveSummaries: summaries,
      providerCapabilities: provider.capabilities,
      generatedAt: (input.now?.() ?? new Date()).toISOString(),
    });
    return { ok: true, validation, plan, provider, live };
  } catch (error) {
    await provider.close();
    throw error;
  }
}

function managedIds(summaries: readonly LiveNumberSummary[], wanted: ReadonlySet<string>): string[] {
  return summaries.filter((s) => wanted.has(s.number)).map((s) => s.id);
}
