/**
 * GitHub as callflow needs it, and nothing more: comments on a pull request, issues found by a
 * label, deployments with statuses, the pull requests of a commit, and — for the pull request
 * that adopts drift — a commit made from files on a branch of callflow's own. The octokit adapter
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

/** A commit as the git data API shows it. */
export interface GitCommit {
  sha: string;
  /** The commit's tree (its content: equal trees, equal files). */
  tree: string;
  parents: string[];
}

/** A file of a tree being made: its text (UTF-8), or a blob created before. */
export type TreeFile = { path: string; content: string } | { path: string; blob: string };

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

  /** Pull requests from `branch` of this repository. */
  pullRequestsFrom(branch: string, state: 'open' | 'closed' | 'all'): Promise<PullRequestSummary[]>;
  createPullRequest(input: { title: string; body: string; head: string; base: string }): Promise<PullRequestSummary>;
  updatePullRequest(pullNumber: number, input: { title?: string; body?: string; base?: string; state?: 'open' | 'closed' }): Promise<PullRequestSummary>;

  getCommit(sha: string): Promise<GitCommit>;
  /** Stores bytes as a blob; its SHA. */
  createBlob(content: Uint8Array): Promise<string>;
  /** `baseTree` with these files added or replaced; the new tree's SHA. */
  createTree(baseTree: string, files: readonly TreeFile[]): Promise<string>;
  createCommit(input: { message: string; tree: string; parents: string[] }): Promise<GitCommit>;
  /** The commit `branch` points at; undefined when there is no such branch. */
  branchHead(branch: string): Promise<string | undefined>;
  createBranch(branch: string, sha: string): Promise<void>;
  /** Points `branch` at `sha` even when that is no fast-forward (the branch is callflow's own). */
  resetBranch(branch: string, sha: string): Promise<void>;
}
