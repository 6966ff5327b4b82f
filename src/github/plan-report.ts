/**
 * What a pull request shows of a `callflow plan` run, rendered two ways (pure): the sticky PR
 * comment, within GitHub's 65,536-character limit and carrying the reviewed plan hidden; and
 * the job summary, with everything, within its 1 MiB limit.
 */
import type { Plan } from '../plan/index.js';
import { GITHUB_COMMENT_LIMIT, PLAN_MARKER, renderPlanMarkdown } from '../plan/index.js';
import type { Problem } from '../model/problem.js';
import type { FlowTestOutcome } from './flow-test-outcome.js';
import { inline, plural, shortSha } from './markdown.js';
import { renderReviewedPlan, reviewedPlanOf } from './reviewed-plan.js';

/** The sticky comment is found by this marker (the plan Markdown's own first line). */
export const PLAN_COMMENT_MARKER = PLAN_MARKER;
/** GitHub's limit for one step's job summary, in bytes. */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

export type PlanPart =
  | { kind: 'planned'; plan: Plan }
  /** The live numbers were not read (no telephony credentials in this run). */
  | { kind: 'skipped'; reason: string }
  /** Validation found errors, so nothing was read from the account. */
  | { kind: 'blocked' };

export interface PlanReport {
  /** The commit planned (the PR head). */
  commit: string;
  links: {
    commit: string;
    run: string;
    /** `SERVER/OWNER/REPO/blob/SHA`: problems link to their line under it. */
    blob: string;
  };
  problems: readonly Problem[];
  flowTests: FlowTestOutcome;
  plan: PlanPart;
}

/** Problems and failures listed in the comment; the job summary lists them all. */
const COMMENT_LIST_LIMIT = 30;

export function renderPlanComment(report: PlanReport): string {
  const hidden = report.plan.kind === 'planned' ? renderReviewedPlan(reviewedPlanOf(report.plan.plan, report.commit)) : '';
  const head = [PLAN_COMMENT_MARKER, ...header(report), ...problemsPart(report, COMMENT_LIST_LIMIT), ...flowTestsPart(report, COMMENT_LIST_LIMIT)].join('\n').trimEnd();
  const budget = GITHUB_COMMENT_LIMIT - head.length - hidden.length - 4;
  const hint = `open the job summary of [the workflow run](${report.links.run}) or download its \`callflow-plan\` artifact`;
  let body = planPart(report.plan, { maxChars: budget, group: true, fullPlanHint: hint });
  if (body.length > budget) body = `### callflow plan\n\nThe plan is too large for a comment even in short form: ${hint}.\n`;
  return [head, body.trimEnd(), hidden].filter(Boolean).join('\n\n');
}

/** The job summary: everything, shortened only past GitHub's 1 MiB (bytes) per step. */
export function renderPlanSummary(report: PlanReport): string {
  const head = [...header(report), ...problemsPart(report, Infinity), ...flowTestsPart(report, Infinity)].join('\n').trimEnd();
  const hint = 'download the `callflow-plan` artifact of this run (the plan as JSON)';
  let maxChars = JOB_SUMMARY_LIMIT - Buffer.byteLength(head) - 4;
  for (;;) {
    const text = `${head}\n\n${planPart(report.plan, { maxChars, group: true, fullPlanHint: hint })}`;
    const bytes = Buffer.byteLength(text);
    // Characters are not bytes: shrink the character budget until the bytes fit.
    if (bytes <= JOB_SUMMARY_LIMIT || maxChars < 1000) return text;
    maxChars = Math.floor((maxChars * JOB_SUMMARY_LIMIT) / bytes) - 1000;
  }
}

function header(report: PlanReport): string[] {
  return [`## callflow`, '', `Planned commit [\`${shortSha(report.commit)}\`](${report.links.commit}) in [this workflow run](${report.links.run}).`, ''];
}

function problemsPart(report: PlanReport, limit: number): string[] {
  // Failing flow tests are listed under their own heading.
  const problems = report.problems.filter((p) => p.rule !== 'test/failed');
  if (problems.length === 0) return ['**Validation:** no problems.', ''];
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  const lines = problems.slice(0, limit).map((p) => {
    const where = `[\`${p.file}:${p.line}\`](${report.links.blob}/${encodeURI(p.file)}#L${p.line})`;
    return `- **${p.severity}** ${where} ${inline(p.message)} (\`${p.rule}\`)${p.hint ? ` — ${inline(p.hint)}` : ''}`;
  });
  if (problems.length > limit) lines.push(`- … and ${problems.length - limit} more: see the annotations on the changed files or the job summary`);
  return [`#### Validation: ${counts}`, '', ...lines, ''];
}

function flowTestsPart(report: PlanReport, limit: number): string[] {
  const { total, failures, notRun } = report.flowTests;
  if (total === 0 && notRun === 0) return [];
  const stopped = notRun ? `${notRun} not run because of the errors above` : '';
  if (failures.length === 0) {
    const passed = total ? `all ${plural(total, 'test')} passed` : '';
    return [`**Flow tests:** ${[passed, stopped].filter(Boolean).join('; ')}.`, ''];
  }
  const lines = failures.slice(0, limit).map((f) => {
    const where = `[\`${f.file}:${f.line}\`](${report.links.blob}/${encodeURI(f.file)}#L${f.line})`;
    return `- \`${f.numberFile}\` › ${inline(f.name)}: ${inline(f.summary)} (${where})`;
  });
  if (failures.length > limit) lines.push(`- … and ${failures.length - limit} more: see the job summary`);
  return [`#### Flow tests: ${failures.length} of ${total} failed${stopped ? ` (${stopped})` : ''}`, '', ...lines, '', '<sub>Run `callflow test NAME` for the whole call transcript.</sub>', ''];
}

function planPart(part: PlanPart, options: { maxChars: number; group: boolean; fullPlanHint: string }): string {
  if (part.kind === 'blocked') return '### callflow plan\n\nNot planned: fix the validation errors above first (nothing was read from the account).\n';
  if (part.kind === 'skipped') {
    return `### callflow plan\n\n> [!WARNING]\n> Live read skipped: ${inline(part.reason)}. Validation and flow tests above ran in full; the plan against the live numbers will be made after merge, or when a maintainer runs this workflow for a branch of this repository.\n`;
  }
  const markdown = renderPlanMarkdown(part.plan, options);
  // The comment has the marker already, at its top.
  return markdown.startsWith(`${PLAN_MARKER}\n`) ? markdown.slice(PLAN_MARKER.length + 1) : markdown;
}
