/**
 * What an apply on merge did, rendered (pure) for the merged pull request's comment and as the
 * deployment's state and one-line description.
 */
import type { ApplyReport } from '../apply/apply-plan.js';
import { appliedWithFailures, type ApplyOutcome } from '../pipeline/index.js';
import type { DeploymentState } from './port.js';
import { inline, plural, shortSha } from './markdown.js';
import type { ReviewedMove } from './reviewed-plan.js';

export const APPLY_COMMENT_MARKER = '<!-- callflow-apply -->';

/** The apply as the deploy run saw it: the pipeline's outcome, or the one line of a failure that stopped it. */
export type DeployOutcome = ApplyOutcome | { kind: 'crashed'; message: string };

/** How the apply stood against the plan reviewed in the pull request. */
export type ReviewCheck =
  | { kind: 'checked'; checksum: string; samePlan: boolean; moves: ReviewedMove[]; forced: boolean; partial: boolean }
  | { kind: 'unchecked'; reason: string };

export interface ApplyCommentInput {
  commit: string;
  links: { commit: string; run: string };
  /** The deployment environment, when a deployment was recorded. */
  environment: string | undefined;
  outcome: DeployOutcome;
  review: ReviewCheck;
}

export function deploymentVerdict(outcome: DeployOutcome): { state: DeploymentState; description: string } {
  switch (outcome.kind) {
    case 'crashed':
      return { state: 'error', description: `callflow apply stopped: ${outcome.message}` };
    case 'invalid':
      return { state: 'failure', description: 'The config has errors; nothing was applied' };
    case 'moved':
      return { state: 'failure', description: 'Live changed since the saved plan; nothing was applied' };
    case 'not-as-reviewed':
      return { state: 'failure', description: 'The saved plan is not the plan made now; nothing was applied' };
    case 'plan-errors':
      return { state: 'failure', description: 'The plan has errors; nothing was applied' };
    case 'unsafe':
      return { state: 'failure', description: 'Refused by the safety checks; nothing was applied' };
    case 'nothing-to-do':
      return { state: 'success', description: 'Live already matches the config; nothing to apply' };
    case 'dry-run':
      return { state: 'success', description: 'Dry run: nothing was written' };
    case 'applied':
      return { state: appliedWithFailures(outcome.report) ? 'failure' : 'success', description: countsOf(outcome.report) };
  }
}

export function renderApplyComment(input: ApplyCommentInput): string {
  const { state } = deploymentVerdict(input.outcome);
  const title = state === 'success' ? '✅ applied' : state === 'error' ? '❌ stopped' : '❌ not everything was applied';
  const where = input.environment ? ` · deployment to \`${input.environment}\`: **${state}**` : '';
  const out = [APPLY_COMMENT_MARKER, `## callflow apply: ${title}`, '', `Merged commit [\`${shortSha(input.commit)}\`](${input.links.commit}) · [workflow run](${input.links.run})${where}`, ''];
  out.push(...body(input.outcome), ...review(input.review));
  return `${out.join('\n').trimEnd()}\n`;
}

function body(outcome: DeployOutcome): string[] {
  switch (outcome.kind) {
    case 'crashed':
      return [`callflow stopped before it finished: ${inline(outcome.message)}`, '', 'Re-run the apply workflow once the cause is fixed; numbers already applied are not applied twice.', ''];
    case 'invalid': {
      const errors = outcome.validation.problems.filter((p) => p.severity === 'error');
      return [`The merged config has ${plural(errors.length, 'error')}; nothing was read from or written to the account.`, '', ...errors.slice(0, 20).map((p) => `- \`${p.file}:${p.line}\` ${inline(p.message)} (\`${p.rule}\`)`), ''];
    }
    case 'moved':
      return ['Live changed since the saved plan; nothing was applied:', '', ...outcome.moves.map((m) => `- \`${m.number}\`: ${inline(m.reason)}`), ''];
    case 'not-as-reviewed':
      return ['The saved plan is not the plan the repo and the account give now (edited, or the repo changed since); nothing was applied:', '', ...outcome.differences.map((d) => `- ${inline(d)}`), ''];
    case 'plan-errors':
      return ['The plan has errors; nothing was applied:', '', ...outcome.plan.problems.filter((p) => p.severity === 'error').slice(0, 20).map((p) => `- \`${p.file}:${p.line}\` ${inline(p.message)}`), ''];
    case 'unsafe':
      return ['Refused by the safety checks; nothing was applied:', '', ...outcome.reasons.map((r) => `- ${inline(r)}`), '', 'Re-run the apply workflow with `force` if this is intended.', ''];
    case 'nothing-to-do':
      return ['Live already matches the merged config: nothing to apply.', ''];
    case 'dry-run':
      return ['Dry run: nothing was written.', ''];
    case 'applied':
      return resultTable(outcome.report);
  }
}

function resultTable(report: ApplyReport): string[] {
  if (report.refused) return [`Refused: ${inline(report.refused)}. Nothing was applied; re-run the apply workflow.`, ''];
  const rows = report.results.map((r) => {
    const what =
      r.status === 'applied'
        ? `✅ applied${r.publishedVersion !== undefined ? `, published version ${r.publishedVersion}` : ''}`
        : `${r.status === 'refused' ? '⛔ refused' : '❌ failed'}${r.detail ? `: ${inline(r.detail)}` : ''}`;
    return `| \`${r.number}\` | ${inline(r.name)} | ${what} |`;
  });
  const { uploaded, alreadyThere, failed } = report.uploads;
  const audio = `Audio: ${uploaded} uploaded, ${alreadyThere} already there${failed.length ? `, ${failed.length} failed (${failed.map(inline).join('; ')})` : ''}.`;
  return ['| Number | Name | Result |', '|---|---|---|', ...rows, '', `${countsOf(report)}. ${audio}`, ''];
}

function review(check: ReviewCheck): string[] {
  if (check.kind === 'unchecked') return [`<sub>Live was not checked against a reviewed plan: ${inline(check.reason)}.</sub>`];
  const lines: string[] = [];
  if (check.moves.length && !check.forced) {
    lines.push(
      '> [!WARNING]',
      `> ${plural(check.moves.length, 'number')} changed live after this pull request's plan was made (a dashboard edit?), so callflow left ${check.moves.length === 1 ? 'it' : 'them'} as ${check.moves.length === 1 ? 'it is' : 'they are'} instead of overwriting the edit:`,
      ...check.moves.map((m) => `> - \`${m.number}\`: ${inline(m.reason)}`),
      '>',
      '> Bring the edit into the YAML in a new pull request, or run the apply workflow again with `force` to overwrite it.',
      '',
    );
  }
  if (check.moves.length && check.forced) {
    lines.push(`Forced: overwrote ${plural(check.moves.length, 'number')} that changed live after the reviewed plan: ${check.moves.map((m) => `\`${m.number}\``).join(', ')}.`, '');
  }
  const scope = check.partial ? ' (live versions were recorded for the numbers it changes only)' : '';
  lines.push(
    check.samePlan
      ? `<sub>Applied the plan reviewed in this pull request (checksum <code>${check.checksum.slice(0, 12)}</code>)${scope}.</sub>`
      : `<sub>The merged config or live state differs from the last plan shown in this pull request (checksum <code>${check.checksum.slice(0, 12)}</code>): other changes reached main or live meanwhile; numbers were checked against the live versions that plan saw${scope}.</sub>`,
  );
  return lines;
}

function countsOf(report: ApplyReport): string {
  if (report.refused) return `Refused: ${report.refused}`;
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  const parts = [`${count('applied')} of ${plural(report.results.length, 'number')} applied`];
  if (count('refused')) parts.push(`${count('refused')} refused`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  return parts.join(', ');
}
