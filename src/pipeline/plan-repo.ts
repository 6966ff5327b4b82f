/**
 * validate → read live → plan (octoDNS `Manager.plan`): nothing is read from the account while
 * the repo has errors; the account is read from its list pages, never a request per number.
 */
import { lastWrites as lastWritesOf, readJournal } from '../apply/journal.js';
import type { LastWrite } from '../model/last-write.js';
import type { LiveNumber } from '../model/live.js';
import { hasErrors } from '../model/problem.js';
import { buildPlan, hasRingSteps, type Plan } from '../plan/index.js';
import type { TelephonyProvider } from '../providers/provider.js';
import type { PipelineParts } from './parts.js';
import { validateRepo, type ValidateResult } from './validate-repo.js';

export interface InvalidRepo {
  kind: 'invalid';
  validation: ValidateResult;
}

export interface PlannedRepo {
  kind: 'planned';
  validation: ValidateResult;
  plan: Plan;
  /** Every number of the account, as read for this plan. */
  live: LiveNumber[];
  /** What callflow last wrote per number, from the journal (empty without one). */
  lastWrites: ReadonlyMap<string, LastWrite>;
}

export type PlanOutcome = InvalidRepo | PlannedRepo;

export async function planRepo(parts: PipelineParts): Promise<PlanOutcome> {
  return withPlan(parts, async (planned) => planned);
}

/**
 * Validate, open the account, read it, plan; then hand the plan and the still-open provider to
 * `next` (apply needs both). The provider is closed whatever happens.
 */
export async function withPlan<T>(parts: PipelineParts, next: (planned: PlannedRepo, provider: TelephonyProvider) => Promise<T>): Promise<T | InvalidRepo> {
  const validation = await validateRepo({ root: parts.root, configDir: parts.configDir }, parts.checks);
  if (hasErrors(validation.problems)) return { kind: 'invalid', validation };
  return withPlanOf(parts, validation, next);
}

/** The rest of `withPlan` for a repo already validated without errors: open the account, read it, plan. */
export async function withPlanOf<T>(parts: PipelineParts, validation: ValidateResult, next: (planned: PlannedRepo, provider: TelephonyProvider) => Promise<T>): Promise<T> {
  const journal = await readJournal(parts.root);
  const provider = await parts.connect(validation.repo);
  try {
    const lastWrites = lastWritesOf(journal, provider);
    const live = await provider.readAccount();
    // Two more requests (users, teams), only when some ring step names them.
    const ringTargets = hasRingSteps(validation.repo.numbers) ? await provider.listRingTargets() : undefined;
    const plan = buildPlan({
      repo: validation.repo,
      live,
      providerCapabilities: provider.capabilities,
      generatedAt: parts.clock().toISOString(),
      lastWrites,
      ...(ringTargets ? { ringTargets } : {}),
      ...(validation.repo.settings.audio.publicBaseUrl ? { audioBaseUrl: validation.repo.settings.audio.publicBaseUrl } : {}),
    });
    return await next({ kind: 'planned', validation, plan, live, lastWrites }, provider);
  } finally {
    await provider.close();
  }
}
