/**
 * `drift.adopt: pr`: one open pull request from the branch `callflow/adopt-drift` with the live
 * version of the drifted numbers — opened on the first drift that can be adopted, its branch
 * rebuilt and its text updated while drift lasts, closed with a comment when nothing is left to
 * adopt (live matches Git again, or what still differs cannot be adopted).
 */
import type { AdoptResult } from '../drift/adopt.js';
import type { DriftReport } from '../drift/report.js';
import { ADOPT_BRANCH, adoptClosingComment, adoptPullRequestTitle, renderAdoptPullRequest } from './adopt-report.js';
import { commitOnBranch, type FileToCommit } from './branch-commit.js';
import { GitHubError } from './errors.js';
import type { GitHubPort, PullRequestSummary } from './port.js';

export interface AdoptProposal {
  report: DriftReport;
  result: AdoptResult;
  /** The adopted files, repo-relative. */
  files: readonly FileToCommit[];
  inRepo: (path: string) => string;
  /** The branch and commit the drift check read the config from. */
  base: { branch: string; sha: string };
  links: { commit: string; run: string };
}

export type AdoptPullRequestOutcome =
  | { action: 'opened' | 'updated'; pullRequest: PullRequestSummary; branch: 'created' | 'moved' | 'unchanged' }
  | { action: 'closed'; pullRequest: PullRequestSummary }
  | { action: 'none' };

export async function keepAdoptPullRequest(port: GitHubPort, proposal: AdoptProposal): Promise<AdoptPullRequestOutcome> {
  const open = (await port.pullRequestsFrom(ADOPT_BRANCH, 'open'))[0];
  const commit = proposal.files.length
    ? await commitOnBranch(port, { branch: ADOPT_BRANCH, base: proposal.base.sha, message: commitMessage(proposal.result), files: proposal.files })
    : ({ kind: 'same-as-base' } as const);

  if (commit.kind === 'same-as-base') {
    if (!open) return { action: 'none' };
    await port.createComment(open.number, adoptClosingComment(proposal.report));
    return { action: 'closed', pullRequest: await port.updatePullRequest(open.number, { state: 'closed' }) };
  }

  const title = adoptPullRequestTitle(proposal);
  const body = renderAdoptPullRequest({ ...proposal, commit: proposal.base.sha });
  if (open) return { action: 'updated', pullRequest: await port.updatePullRequest(open.number, { title, body, base: proposal.base.branch }), branch: commit.kind };
  try {
    return { action: 'opened', pullRequest: await port.createPullRequest({ title, body, head: ADOPT_BRANCH, base: proposal.base.branch }), branch: commit.kind };
  } catch (error) {
    // A repository may forbid the workflow token to open pull requests (a setting of its own).
    if (error instanceof GitHubError && error.status === 403) {
      throw new GitHubError(`${error.message}; the branch ${ADOPT_BRANCH} has the live version (also check Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests")`, 403);
    }
    throw error;
  }
}

function commitMessage(result: AdoptResult): string {
  const numbers = result.adopted.map((a) => a.number);
  const listed = numbers.length > 10 ? `${numbers.slice(0, 10).join(', ')} and ${numbers.length - 10} more` : numbers.join(', ');
  return `callflow: adopt the live version of ${listed}\n\nWritten by \`callflow drift\` (drift.adopt: pr) from what the account has live.`;
}
