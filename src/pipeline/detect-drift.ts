/**
 * validate → read live → plan → drift report (and, for an operator that is told to, re-apply
 * Git's version through the same apply policy). Nothing is written unless `remediate` is given.
 */
import { buildDriftReport, type DriftReport } from '../drift/report.js';
import { applyPlanned, type ApplyOptions, type ApplyOutcome } from './apply-repo.js';
import type { PipelineParts } from './parts.js';
import { withPlan, type InvalidRepo, type PlannedRepo } from './plan-repo.js';

export interface DriftOptions {
  /** Re-apply Git's version of drifted numbers (`drift.remediate: true` in serve). Safety thresholds still apply. */
  remediate?: Pick<ApplyOptions, 'actor' | 'signal' | 'writing'>;
}

export interface DriftChecked {
  kind: 'checked';
  report: DriftReport;
  /** The plan and live state the report was read from (adopt writes from it). */
  planned: PlannedRepo;
  /** What remediation did, when asked and there was drift. */
  remediation?: Exclude<ApplyOutcome, InvalidRepo>;
}

export type DriftOutcome = InvalidRepo | DriftChecked;

export async function detectDrift(parts: PipelineParts, options: DriftOptions = {}): Promise<DriftOutcome> {
  return withPlan(parts, async (planned, provider): Promise<DriftChecked> => {
    const report = driftReportOf(parts, planned, provider.name);
    if (report.inSync || !options.remediate || options.remediate.signal?.aborted) return { kind: 'checked', report, planned };
    const remediation = await applyPlanned(parts, planned, provider, { doit: true, force: false, ...options.remediate });
    return { kind: 'checked', report, planned, remediation };
  });
}

export function driftReportOf(parts: Pick<PipelineParts, 'clock'>, planned: PlannedRepo, provider: string): DriftReport {
  return buildDriftReport({ plan: planned.plan, live: planned.live, lastWrites: planned.lastWrites, provider, checkedAt: parts.clock().toISOString() });
}
