/**
 * `apply --doit` in a push (or manual) run on main, as a GitHub deployment:
 * 1. find the merged pull request of the commit and the plan its comment carries (hidden);
 * 2. once the plan is made: record a deployment (status in_progress, log_url the run) and hold
 *    back the numbers that moved live since the reviewed plan, unless forced;
 * 3. when apply ends: success or failure on the deployment, the result commented on the PR.
 * The apply itself is the pipeline's, passed in as `apply`.
 */
import type { ApplyOutcome, PlannedRepo } from '../pipeline/index.js';
import type { LiveMove } from '../plan/index.js';
import { deploymentVerdict, renderApplyComment, type DeployOutcome, type ReviewCheck } from './apply-report.js';
import { commitUrl } from './context.js';
import { GitHubError } from './errors.js';
import { shortSha } from './markdown.js';
import { PLAN_COMMENT_MARKER } from './plan-report.js';
import type { GitHubPort, PullRequestSummary } from './port.js';
import { movedSinceReview, readReviewedPlan, type ReadReviewed } from './reviewed-plan.js';
import { noTokenError, type ActionsRun } from './session.js';
import { findMarkedComment } from './sticky-comment.js';

/** Events whose `apply --doit` is recorded as a deployment. */
const DEPLOY_EVENTS = new Set(['push', 'workflow_dispatch']);

export interface DeployResult {
  /** The pipeline's outcome, when apply ran to an end. */
  outcome: ApplyOutcome | undefined;
  /** What was recorded on GitHub, to print. */
  lines: string[];
  /** GitHub could not be told: one line. */
  error?: string;
}

export type Apply = (beforeApply: (planned: PlannedRepo) => Promise<{ hold: readonly LiveMove[] }>) => Promise<ApplyOutcome>;

export function isDeployRun(run: ActionsRun): boolean {
  return DEPLOY_EVENTS.has(run.context.eventName);
}

export async function applyAsDeployment(run: ActionsRun, options: { force: boolean }, apply: Apply): Promise<DeployResult> {
  const port = run.port;
  if (!port) return { outcome: undefined, lines: [], error: noTokenError('check the reviewed plan and record the deployment; nothing was applied') };
  const { context } = run;

  let pr: PullRequestSummary | undefined;
  let reviewed: ReadReviewed;
  try {
    pr = mergedPullRequest(await port.pullRequestsOfCommit(context.sha), context.sha);
    reviewed = pr ? await reviewedPlanOn(port, pr.number) : { ok: false, reason: `no pull request was merged as ${shortSha(context.sha)}` };
  } catch (error) {
    return { outcome: undefined, lines: [], error: `${messageOf(error)}; nothing was applied` };
  }

  const state: { deploymentId?: number; environment?: string; review: ReviewCheck } = {
    review: { kind: 'unchecked', reason: reviewed.ok ? 'apply stopped before the plan was made' : reviewed.reason },
  };
  const beforeApply = async (planned: PlannedRepo) => {
    state.environment = planned.validation.repo.settings.github.environment;
    const { id } = await port.createDeployment({
      ref: context.sha,
      environment: state.environment,
      description: pr ? `callflow apply of #${pr.number}` : `callflow apply of ${shortSha(context.sha)}`,
      payload: { planChecksum: planned.plan.checksum, ...(pr ? { pullRequest: pr.number } : {}) },
    });
    state.deploymentId = id;
    await port.setDeploymentStatus(id, { state: 'in_progress', logUrl: context.runUrl, description: 'Applying the merged config' });
    if (!reviewed.ok) return { hold: [] };
    const moves = movedSinceReview(reviewed.reviewed, planned.plan);
    state.review = { kind: 'checked', checksum: reviewed.reviewed.checksum, samePlan: reviewed.reviewed.checksum === planned.plan.checksum, moves, forced: options.force, partial: reviewed.reviewed.partial };
    return { hold: options.force ? [] : moves };
  };

  let outcome: DeployOutcome;
  let thrown: unknown;
  try {
    outcome = await apply(beforeApply);
  } catch (error) {
    thrown = error;
    outcome = { kind: 'crashed', message: messageOf(error) };
  }
  const told = await tellGitHub(port, run, { pr, outcome, state });
  // A failure of our own (the account, the network) still surfaces as the command's error.
  if (thrown && !(thrown instanceof GitHubError)) throw thrown;
  return { outcome: outcome.kind === 'crashed' ? undefined : outcome, ...told, ...(thrown ? { error: messageOf(thrown) } : {}) };
}

async function tellGitHub(
  port: GitHubPort,
  run: ActionsRun,
  input: { pr: PullRequestSummary | undefined; outcome: DeployOutcome; state: { deploymentId?: number; environment?: string; review: ReviewCheck } },
): Promise<Omit<DeployResult, 'outcome'>> {
  const { context } = run;
  const { state, outcome, pr } = input;
  const lines: string[] = [];
  try {
    if (state.deploymentId !== undefined) {
      const verdict = deploymentVerdict(outcome);
      await port.setDeploymentStatus(state.deploymentId, { state: verdict.state, logUrl: context.runUrl, description: verdict.description });
      lines.push(`Deployment ${state.deploymentId} to ${state.environment}: ${verdict.state}.`);
    }
    if (pr) {
      const body = renderApplyComment({ commit: context.sha, links: { commit: commitUrl(context, context.sha), run: context.runUrl }, environment: state.environment, outcome, review: state.review });
      const comment = await port.createComment(pr.number, body);
      lines.push(`Commented the result on pull request #${pr.number}: ${comment.htmlUrl}`);
    } else {
      lines.push(`No pull request was merged as ${shortSha(context.sha)}: applied without a reviewed plan to check live against; the result is in the deployment and this log only.`);
    }
    return { lines };
  } catch (error) {
    return { lines, error: messageOf(error) };
  }
}

/** The pull request merged as this commit; else any merged one that contains it; else the first. */
function mergedPullRequest(prs: readonly PullRequestSummary[], sha: string): PullRequestSummary | undefined {
  return prs.find((p) => p.mergeCommitSha === sha) ?? prs.find((p) => p.mergedAt) ?? prs[0];
}

async function reviewedPlanOn(port: GitHubPort, prNumber: number): Promise<ReadReviewed> {
  const comment = await findMarkedComment(port, prNumber, PLAN_COMMENT_MARKER);
  if (!comment) return { ok: false, reason: `pull request #${prNumber} has no callflow plan comment` };
  return readReviewedPlan(comment.body);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
