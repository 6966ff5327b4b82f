/**
 * The whole apply policy (octoDNS `Manager.sync`): plan (or take the reviewed plan), refuse a
 * reviewed plan whose numbers moved live, stop on plan errors, ask the plan whether it is safe
 * unless forced, stop at a dry run, apply, journal. Every stop is an outcome value; the faces
 * decide how to show it.
 */
import { applyPlan, type ApplyReport, type WriteGuard } from '../apply/apply-plan.js';
import { appendJournal, type JournalResult } from '../apply/journal.js';
import type { Settings } from '../config/schema/index.js';
import { callflowAuthor } from '../model/last-write.js';
import type { LiveNumber } from '../model/live.js';
import { checkPlanSafety, hasChanges, liveFingerprint, liveMovesSince, reviewedPlanDifferences, type LiveMove, type Plan } from '../plan/index.js';
import type { TelephonyProvider } from '../providers/provider.js';
import type { PipelineParts } from './parts.js';
import { withPlan, type InvalidRepo, type PlannedRepo } from './plan-repo.js';

export interface ApplyOptions {
  /** False: a dry run that writes nothing. */
  doit: boolean;
  /** Go past the safety thresholds. */
  force: boolean;
  /** The reviewed plan to apply instead of a fresh one (`apply --plan FILE`). */
  reviewed?: Plan;
  /** Who applies and from which commit, for the lock owner and the journal. */
  actor: { who: string; host: string; pid: number; commit: () => Promise<string | null> };
  /** `--break-lock`: break the apply lock another apply holds. */
  breakLock?: boolean;
  /** Aborted (Ctrl-C, SIGTERM, an operator shutting down): finish the number in hand, attempt no other, release the lock. */
  signal?: AbortSignal;
  /** Told when one number's writes begin and end (an operator shutting down waits for the end). */
  writing?: WriteGuard;
  /** Life of the apply lock between renewals (default 600 s); tests shorten it. */
  lockSeconds?: number;
  /**
   * Called once the repo is valid and the plan made, before any policy stop: a face may record
   * the attempt (GitHub: a deployment) and name numbers to hold back (GitHub: moved live since
   * the plan a reviewer approved). Held numbers are not applied; they are reported as refused.
   */
  beforeApply?: (planned: PlannedRepo) => Promise<{ hold: readonly LiveMove[] }>;
}

export type ApplyOutcome = InvalidRepo | (ApplyStop & {
  /** The repo's file texts the plan was made from: a face shows the plan's problems with code frames, as validate does. */
  sources?: ReadonlyMap<string, string>;
});

type ApplyStop =
  | { kind: 'moved'; plan: Plan; moves: LiveMove[] }
  /** The saved plan is not the plan the repo and the account give now (edited, or the repo changed). */
  | { kind: 'not-as-reviewed'; plan: Plan; differences: string[] }
  | { kind: 'plan-errors'; plan: Plan }
  | { kind: 'unsafe'; plan: Plan; reasons: string[] }
  /** `alreadyApplied`: a saved plan whose changes the account has since received (a re-run, or another apply). */
  | { kind: 'nothing-to-do'; plan: Plan; alreadyApplied?: true }
  | { kind: 'dry-run'; plan: Plan }
  | { kind: 'applied'; plan: Plan; report: ApplyReport; provider: string };

export async function applyRepo(parts: PipelineParts, options: ApplyOptions): Promise<ApplyOutcome> {
  return withPlan(parts, async (planned, provider) => ({ ...(await applyPlanned(parts, planned, provider, options)), sources: planned.validation.sources }));
}

/** The policy after the plan is made, on the provider it was made with (drift remediation shares it). */
export async function applyPlanned(parts: PipelineParts, planned: PlannedRepo, provider: TelephonyProvider, options: ApplyOptions): Promise<Exclude<ApplyOutcome, InvalidRepo>> {
  if (options.reviewed) {
    const moves = liveMovesSince(options.reviewed, planned.live);
    // Live moved, but to what the repo asks: the plan was applied since it was made. Nothing to refuse.
    if (moves.length && !hasChanges(planned.plan)) return { kind: 'nothing-to-do', plan: planned.plan, alreadyApplied: true };
    if (moves.length) return { kind: 'moved', plan: options.reviewed, moves };
    const differences = reviewedPlanDifferences(options.reviewed, planned.plan);
    if (differences.length) return { kind: 'not-as-reviewed', plan: options.reviewed, differences };
  }
  // Equal to the reviewed plan when there is one; made from the repo either way, never from a file.
  const plan = planned.plan;
  const { hold } = (await options.beforeApply?.({ ...planned, plan })) ?? { hold: [] };
  const stop = policyStop(plan, planned.validation.repo.settings.safety, options);
  if (stop) return stop;

  const { actor } = options;
  const audio = planned.validation.repo.audio;
  const report = await applyPlan({
    plan: withoutNumbers(plan, hold),
    provider,
    repoFile: (path) => audio.get(path)?.absolutePath,
    owner: `${actor.who}@${actor.host} pid ${actor.pid}`,
    where: { host: actor.host, pid: actor.pid },
    author: callflowAuthor(actor.who),
    logger: parts.logger,
    ...(options.breakLock ? { breakLock: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.writing ? { writing: options.writing } : {}),
    ...(options.lockSeconds ? { lockSeconds: options.lockSeconds } : {}),
  });
  report.results.push(...heldResults(plan, hold));
  const written = await readBack(provider, report, parts);
  await appendJournal(parts.root, {
    at: parts.clock().toISOString(),
    who: actor.who,
    commit: await actor.commit(),
    planChecksum: plan.checksum,
    provider: provider.name,
    account: provider.account,
    results: report.results.map((r): JournalResult => {
      const live = r.status === 'applied' ? written.get(r.number) : undefined;
      return {
        number: r.number,
        status: r.status,
        ...(r.detail ? { detail: r.detail } : {}),
        ...(r.publishedVersion !== undefined ? { publishedVersion: r.publishedVersion } : {}),
        ...(live ? { live: { fingerprint: liveFingerprint(live), publishedVersion: live.flow?.published?.version ?? null } } : {}),
      };
    }),
  });
  return { kind: 'applied', plan, report, provider: provider.name };
}

/**
 * The applied numbers as the account now has them (one read of the list pages): what callflow
 * wrote, normalised by the platform, for the journal. Not knowing is not a failure of the apply.
 */
async function readBack(provider: TelephonyProvider, report: ApplyReport, parts: PipelineParts): Promise<Map<string, LiveNumber>> {
  if (!report.results.some((r) => r.status === 'applied')) return new Map();
  try {
    return new Map((await provider.readAccount()).map((n) => [n.number, n]));
  } catch (error) {
    parts.logger.warn({ component: 'pipeline', err: error }, 'could not read the applied numbers back; the journal will not record what was written');
    return new Map();
  }
}

/** Why apply stops before writing, in the order a reader checks: errors, safety, nothing to do, dry run. */
function policyStop(plan: Plan, safety: Settings['safety'], options: ApplyOptions): Exclude<ApplyOutcome, InvalidRepo> | undefined {
  if (plan.summary.errors > 0) return { kind: 'plan-errors', plan };
  const verdict = checkPlanSafety(plan, safety, { force: options.force });
  if (!verdict.ok) return { kind: 'unsafe', plan, reasons: verdict.reasons };
  if (!hasChanges(plan)) return { kind: 'nothing-to-do', plan };
  if (!options.doit) return { kind: 'dry-run', plan };
  return undefined;
}

/** The plan less the held numbers (their changes and the uploads only they need). */
function withoutNumbers(plan: Plan, hold: readonly LiveMove[]): Plan {
  if (hold.length === 0) return plan;
  const held = new Set(hold.map((m) => m.number));
  return {
    ...plan,
    numbers: plan.numbers.filter((n) => !held.has(n.number)),
    uploads: plan.uploads.filter((u) => u.numbers.some((n) => !held.has(n))),
  };
}

function heldResults(plan: Plan, hold: readonly LiveMove[]): ApplyReport['results'] {
  const changed = new Map(plan.numbers.filter((n) => n.action === 'create-flow' || n.action === 'update').map((n) => [n.number, n.name]));
  return hold
    .filter((m) => changed.has(m.number))
    .map((m) => ({ number: m.number, name: changed.get(m.number) ?? m.number, status: 'refused' as const, detail: m.reason }));
}

/** Applied, but not everything: a refusal, a failed number or a failed upload. */
export function appliedWithFailures(report: ApplyReport): boolean {
  return Boolean(report.refused) || Boolean(report.stopped) || report.results.some((r) => r.status !== 'applied') || report.uploads.failed.length > 0;
}
