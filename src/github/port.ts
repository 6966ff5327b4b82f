/**
 * GitHub as callflow needs it, and nothing more: comments on a pull request, issues found by a
 * label, deployments with statuses, the pull requests of a commit. The octokit adapter
 * (`octokit-port.ts`) implements it; the logic above it (sticky comment, labelled issue,
 * deployment run) takes a port, so it never sees HTTP. Calls that GitHub refuses throw a
 * `GitHubError` (see errors.ts); the callers turn it into a one-line message.
 */
export interface IssueComment {
  id: number;
  body: string;
  htmlUrl: string;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  htmlUrl: string;
}

export interface PullRequestSummary {
  number: number;
  title: string;
  state: 'open' | 'closed';
  /** Set once merged. */
  mergedAt: string | null;
  /** The commit main got when this PR was merged, if it was. */
  mergeCommitSha: string | null;
  htmlUrl: string;
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface DeploymentRequest {
  /** The commit deployed. */
  ref: string;
  environment: string;
  description: string;
  /** Anything small to keep with the deployment (the plan checksum, the PR). */
  payload: Record<string, string | number>;
}

export interface DeploymentStatusRequest {
  state: DeploymentState;
  /** The run's page, where the log is. */
  logUrl: string;
  description: string;
}

export interface GitHubPort {
  /** Every comment on an issue or pull request, oldest first. */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;

  /** Issues (not pull requests) carrying the label, in the given state. */
  listIssues(label: string, state: 'open' | 'closed' | 'all'): Promise<Issue[]>;
  createIssue(input: { title: string; body: string; labels: string[] }): Promise<Issue>;
  updateIssue(issueNumber: number, input: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<Issue>;

  createDeployment(input: DeploymentRequest): Promise<{ id: number }>;
  setDeploymentStatus(deploymentId: number, input: DeploymentStatusRequest): Promise<void>;

  /** Pull requests whose head or merge commit is `sha` (merged ones included). */
  pullRequestsOfCommit(sha: string): Promise<PullRequestSummary[]>;
}
