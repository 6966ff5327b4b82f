/** The plan half of plan/apply: what `plan` and `apply` commands import. */
export { buildPlan, changedNumbers, hasChanges, settingsUpdateOf, usesSlots, type BuildPlanInput } from './plan.js';
export { canonicalFlow, canonicalNumber, type CanonicalNumber, type NumberSettings } from '../model/canonical.js';
export { FLOW_SCHEMA_VERSION, type CanonicalFlowDocument } from '../model/flow-document.js';
export { readFlowDocument } from '../model/read-flow-document.js';
export { planSchema, type Change, type NumberAction, type NumberPlan, type Plan, type PlanUpload } from './plan-schema.js';
export { parsePlan, serialisePlan, type ParsedPlan } from './plan-file.js';
export { checkPlanSafety, type SafetyVerdict } from './safety.js';
export { liveMovesSince, type LiveMove } from './staleness.js';
export { reviewedPlanDifferences } from './reviewed-plan.js';
export { renderPlanText, summaryText } from './render-text.js';
export { renderPlanMarkdown, PLAN_MARKER, GITHUB_COMMENT_LIMIT } from './render-markdown.js';
export { renderPlanJson } from './render-json.js';
export { renderFlowMermaid } from './render-mermaid.js';
export { numberYamlDiff } from './yaml-diff.js';
export { describeChange, describeChangeLines, describeMessage, describeOutsideEdit, describeSlotValue, stepDetail } from './describe.js';
export { liveFingerprint } from './fingerprint.js';
export { provenanceOf, type Provenance } from './provenance.js';
export { hasRingSteps, ringTargetProblems } from './ring-targets.js';
