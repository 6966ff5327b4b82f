/**
 * Shows a plan run on GitHub: the full report in the job summary, and the sticky comment on
 * the pull request (when the run is for one and `github.comment` is on). Returns what it did
 * as lines to print, or why it could not, as one line.
 */
import { commitUrl } from './context.js';
import { GitHubError } from './errors.js';
import { flowTestOutcome, type FlowTestOutcome } from './flow-test-outcome.js';
import { appendJobSummary } from './job-summary.js';
import { PLAN_COMMENT_MARKER, renderPlanComment, renderPlanSummary, type PlanPart, type PlanReport } from './plan-report.js';
import type { PullRequestPlanOutcome } from './pull-request-plan.js';
import { noTokenError, type ActionsRun } from './session.js';
import { upsertStickyComment } from './sticky-comment.js';
import type { ValidateResult } from '../pipeline/validate-repo.js';
import { runFlowTests, type FlowTestResult } from '../simulate/flow-tests.js';
import { testedNumbers, untestedNumbers } from '../simulate/untested.js';

export type Published = { ok: true; lines: string[] } | { ok: false; error: string };

/** `ran`: the flow tests' results as validation ran them, when the caller kept them (else they are run here). */
export async function publishPlan(run: ActionsRun, outcome: PullRequestPlanOutcome, ran?: readonly FlowTestResult[]): Promise<Published> {
  const { context } = run;
  const commit = context.pullRequest?.headSha ?? context.sha;
  const report: PlanReport = {
    commit,
    links: { commit: commitUrl(context, commit), run: context.runUrl, blob: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/blob/${commit}` },
    problems: outcome.validation.problems,
    flowTests: flowTestsOf(outcome.validation, ran),
    plan: planPart(outcome),
  };
  const lines: string[] = [];

  if (context.stepSummaryPath) {
    const written = await appendJobSummary(context.stepSummaryPath, renderPlanSummary(report));
    if (!written.ok) return { ok: false, error: written.error };
    lines.push('Wrote the plan to the job summary.');
  }

  const pr = context.pullRequest;
  if (!pr || !outcome.validation.repo.settings.github.comment) return { ok: true, lines };
  if (!run.port) return { ok: false, error: noTokenError(`comment the plan on pull request #${pr.number}`) };
  try {
    const { comment, created } = await upsertStickyComment(run.port, pr.number, PLAN_COMMENT_MARKER, renderPlanComment(report));
    lines.push(`${created ? 'Commented' : 'Updated the comment'} on pull request #${pr.number}: ${comment.htmlUrl}`);
    return { ok: true, lines };
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    // GitHub gives a fork's pull request a read-only token: the job summary is where its plan is.
    if (pr.fromFork && error.status === 403) return { ok: true, lines: [...lines, `Not commented: the token of a pull request from a fork cannot write comments (${error.message}).`] };
    return { ok: false, error: error.message };
  }
}

function planPart(outcome: PullRequestPlanOutcome): PlanPart {
  if (outcome.kind === 'planned') return { kind: 'planned', plan: outcome.plan };
  if (outcome.kind === 'skipped') return { kind: 'skipped', reason: outcome.reason };
  return { kind: 'blocked' };
}

/** The flow tests as `validate` runs them: not those the errors already reported would make fail. */
function flowTestsOf(validation: ValidateResult, ran: readonly FlowTestResult[] | undefined): FlowTestOutcome {
  const notRun = untestedNumbers(validation.repo, validation.foundBeforeChecks);
  return flowTestOutcome(ran ?? runFlowTests(validation.repo, testedNumbers(validation.repo.numbers, notRun)), notRun);
}
