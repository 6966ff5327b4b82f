/** The pipeline every face stands on: validate → read live → plan → apply (drift and export beside them). */
export type { PipelineParts } from './parts.js';
export { validateRepo, type RepoCheck, type ValidateResult } from './validate-repo.js';
export { planRepo, withPlan, withPlanOf, type PlanOutcome, type PlannedRepo, type InvalidRepo } from './plan-repo.js';
export { applyRepo, applyPlanned, appliedWithFailures, type ApplyOptions, type ApplyOutcome } from './apply-repo.js';
export { detectDrift, type DriftChecked, type DriftOptions, type DriftOutcome } from './detect-drift.js';
export { exportAccount, type ExportOptions, type ExportOutcome } from './export-account.js';
export { adoptDrift, type AdoptedFile, type AdoptOutcome } from './adopt-drift.js';
export { driftCheck } from './drift-check.js';
export { readSettings } from './read-settings.js';
