/**
 * The whole apply policy (octoDNS `Manager.sync`): plan (or take the reviewed plan), refuse a
 * reviewed plan whose numbers moved live, stop on plan errors, ask the plan whether it is safe
 * unless forced, stop at a dry run, apply, journal. Every stop is an outcome value; the faces
 * decide how to show it.
 */
import { applyPlan, type ApplyReport } from '../apply/apply-plan.js';
import { appendJournal } from '../apply/journal.js';
import type { Settings } from '../config/schema/index.js';
import { checkPlanSafety, hasChanges, liveMovesSince, reviewedPlanDifferences, type LiveMove, type Plan } from '../plan/index.js';
import type { PipelineParts } from './parts.js';
import { withPlan, type InvalidRepo } from './plan-repo.js';

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
  /** Aborted (Ctrl-C, SIGTERM, a shutting-down operator): no write starts after it, the lock is released. */
  signal?: AbortSignal;
  /** Life of the apply lock between renewals (default 600 s); tests shorten it. */
  lockSeconds?: number;
}

export type ApplyOutcome =
  | InvalidRepo
  | { kind: 'moved'; plan: Plan; moves: LiveMove[] }
  /** The saved plan is not the plan the repo and the account give now (edited, or the repo changed). */
  | { kind: 'not-as-reviewed'; plan: Plan; differences: string[] }
  | { kind: 'plan-errors'; plan: Plan }
  | { kind: 'unsafe'; plan: Plan; reasons: string[] }
  | { kind: 'nothing-to-do'; plan: Plan }
  | { kind: 'dry-run'; plan: Plan }
  | { kind: 'applied'; plan: Plan; report: ApplyReport; provider: string };

export async function applyRepo(parts: PipelineParts, options: ApplyOptions): Promise<ApplyOutcome> {
  return withPlan(parts, async (planned, provider): Promise<ApplyOutcome> => {
    if (options.reviewed) {
      const moves = liveMovesSince(options.reviewed, planned.live);
      if (moves.length) return { kind: 'moved', plan: options.reviewed, moves };
      const differences = reviewedPlanDifferences(options.reviewed, planned.plan);
      if (differences.length) return { kind: 'not-as-reviewed', plan: options.reviewed, differences };
    }
    // Equal to the reviewed plan when there is one; made from the repo either way, never from a file.
    const plan = planned.plan;
    const stop = policyStop(plan, planned.validation.repo.settings.safety, options);
    if (stop) return stop;

    const { actor } = options;
    const audio = planned.validation.repo.audio;
    const repoFile = (path: string) => audio.get(path)?.absolutePath;
    const report = await applyPlan({
      plan,
      provider,
      repoFile,
      owner: `${actor.who}@${actor.host} pid ${actor.pid}`,
      where: { host: actor.host, pid: actor.pid },
      logger: parts.logger,
      ...(options.breakLock ? { breakLock: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.lockSeconds ? { lockSeconds: options.lockSeconds } : {}),
    });
    await appendJournal(parts.root, {
      at: parts.clock().toISOString(),
      who: actor.who,
      commit: await actor.commit(),
      planChecksum: plan.checksum,
      provider: provider.name,
      results: report.results.map((r) => ({ number: r.number, status: r.status, ...(r.detail ? { detail: r.detail } : {}), ...(r.publishedVersion !== undefined ? { publishedVersion: r.publishedVersion } : {}) })),
    });
    return { kind: 'applied', plan, report, provider: provider.name };
  });
}

/** Why apply stops before writing, in the order a reader checks: errors, safety, nothing to do, dry run. */
function policyStop(plan: Plan, safety: Settings['safety'], options: ApplyOptions): ApplyOutcome | undefined {
  if (plan.summary.errors > 0) return { kind: 'plan-errors', plan };
  const verdict = checkPlanSafety(plan, safety, { force: options.force });
  if (!verdict.ok) return { kind: 'unsafe', plan, reasons: verdict.reasons };
  if (!hasChanges(plan)) return { kind: 'nothing-to-do', plan };
  if (!options.doit) return { kind: 'dry-run', plan };
  return undefined;
}

/** Applied, but not everything: a refusal, a failed number or a failed upload. */
export function appliedWithFailures(report: ApplyReport): boolean {
  return Boolean(report.refused) || Boolean(report.stopped) || report.results.some((r) => r.status !== 'applied') || report.uploads.failed.length > 0;
}
