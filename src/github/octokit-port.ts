/**
 * The GitHub port over `@octokit/rest`, with the retry plugin (server errors, network) and the
 * throttling plugin (GitHub's rate limits and its one-write-per-second advice). Built in this
 * one place; the token goes to octokit's auth and nowhere else.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from 'pino';
import type { RepoRef } from './context.js';
import { networkReason, networkWords } from '../report/network-failure.js';
import { GitHubError, hintFor } from './errors.js';
import type { DeploymentRequest, DeploymentStatusRequest, GitCommit, GitHubPort, Issue, IssueComment, PullRequestSummary } from './port.js';

export interface OctokitPortOptions {
  baseUrl: string;
  token: string;
  repo: RepoRef;
  logger: Logger;
  /** Times a rate-limited request is retried after waiting as GitHub asks (default 2). */
  rateLimitRetries?: number;
  /** Base of the retry plugin's back-off for server errors, in ms (default 1000: waits 1 s, 4 s, 9 s). */
  retryBaseMs?: number;
}

/**
 * A request that cannot reach the API at all (connection refused, host not found, no route).
 * @octokit/request reports it as a "500" without a response, which the retry plugin retries for
 * 14 s like a server error and the request log prints as "500 with id UNKNOWN": here it stops
 * being an HTTP error. A dropped or timed-out connection may be a passing glitch: it is retried.
 */
class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NoAnswer';
  }
}

/** Failures that a retry a second later would meet again. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Registered before the retry plugin, so it sees the failure first and the retry plugin leaves a NoAnswer alone. */
function noAnswerIsNoStatus(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.error('request', (error: Error & { response?: unknown }) => {
    if (error.name === 'HttpError' && error.response === undefined && error.cause !== undefined) {
      const reason = networkReason(error.cause);
      if (UNREACHABLE.has(reason)) throw new NoAnswer(networkWords(reason));
    }
    throw error;
  });
}

const RetryingOctokit = Octokit.plugin(noAnswerIsNoStatus, retry, throttling);
type Client = InstanceType<typeof RetryingOctokit>;

export function createOctokitPort(options: OctokitPortOptions): GitHubPort {
  const log = options.logger.child({ component: 'github' });
  const retries = options.rateLimitRetries ?? 2;
  const octokit: Client = new RetryingOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'callflow',
    // Octokit logs a line per request ("GET … - 502 with id … in 3ms"), failed ones as errors: detail
    // for debugging, since the call that fails in the end says so in one line of its own (translate).
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.debug(message),
    },
    retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle: {
      onRateLimit: (after: number, request: { method: string; url: string }, _client: unknown, count: number) => {
        log.warn({ method: request.method, url: request.url, retryAfterSeconds: after }, 'GitHub rate limit reached');
        return count < retries;
      },
      onSecondaryRateLimit: (after: number, request: { method: string; url: string }, _client: unknown, count: number) => {
        log.warn({ method: request.method, url: request.url, retryAfterSeconds: after }, 'GitHub secondary rate limit reached');
        return count < retries;
      },
    },
  });
  const { owner, repo } = options.repo;
  const call = <T>(what: string, run: () => Promise<T>) => translate(what, options.baseUrl, run);

  return {
    listComments: (issueNumber) =>
      call(`list the comments of #${issueNumber}`, async () =>
        (await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })).map(toComment)),

    createComment: (issueNumber, body) =>
      call(`comment on #${issueNumber}`, async () => toComment((await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })).data)),

    updateComment: (commentId, body) =>
      call(`update comment ${commentId}`, async () => toComment((await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })).data)),

    listIssues: (label, state) =>
      call(`list the issues labelled ${label}`, async () =>
        (await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: label, state, per_page: 100 }))
          // The issues endpoint lists pull requests too.
          .filter((issue) => !issue.pull_request)
          .map(toIssue)),

    createIssue: (input) => call('open an issue', async () => toIssue((await octokit.rest.issues.create({ owner, repo, ...input })).data)),

    updateIssue: (issueNumber, input) =>
      call(`update issue #${issueNumber}`, async () => toIssue((await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, ...input })).data)),

    createDeployment: (input: DeploymentRequest) =>
      call(`create a deployment to ${input.environment}`, async () => {
        const { data } = await octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref: input.ref,
          environment: input.environment,
          description: input.description,
          payload: input.payload,
          // Deploy this exact commit: no merging of the default branch, no waiting for checks
          // (the workflow already ran after them).
          auto_merge: false,
          required_contexts: [],
          production_environment: true,
        });
        if (!('id' in data)) throw new GitHubError(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
        return { id: data.id };
      }),

    setDeploymentStatus: (deploymentId, input: DeploymentStatusRequest) =>
      call(`set deployment ${deploymentId} to ${input.state}`, async () => {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: input.state,
          log_url: input.logUrl,
          // GitHub cuts descriptions at 140 characters.
          description: input.description.length > 140 ? `${input.description.slice(0, 139)}…` : input.description,
        });
      }),

    pullRequestsOfCommit: (sha) =>
      call(`find the pull requests of ${sha.slice(0, 7)}`, async () =>
        (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 })).data.map(toPullRequest)),

    pullRequestsFrom: (branch, state) =>
      call(`list the pull requests from ${branch}`, async () =>
        (await octokit.paginate(octokit.rest.pulls.list, { owner, repo, head: `${owner}:${branch}`, state, per_page: 100 })).map(toPullRequest)),

    createPullRequest: (input) =>
      call(`open a pull request from ${input.head}`, async () => toPullRequest((await octokit.rest.pulls.create({ owner, repo, ...input })).data)),

    updatePullRequest: (pullNumber, input) =>
      call(`update pull request #${pullNumber}`, async () => toPullRequest((await octokit.rest.pulls.update({ owner, repo, pull_number: pullNumber, ...input })).data)),

    getCommit: (sha) => call(`read commit ${sha.slice(0, 7)}`, async () => toCommit((await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha })).data)),

    createBlob: (content) =>
      call('store a file', async () => (await octokit.rest.git.createBlob({ owner, repo, content: Buffer.from(content).toString('base64'), encoding: 'base64' })).data.sha),

    createTree: (baseTree, files) =>
      call('make a tree', async () => {
        const tree = files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, ...('blob' in f ? { sha: f.blob } : { content: f.content }) }));
        return (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree })).data.sha;
      }),

    createCommit: (input) => call('make a commit', async () => toCommit((await octokit.rest.git.createCommit({ owner, repo, ...input })).data)),

    branchHead: (branch) =>
      call(`read branch ${branch}`, async () => {
        try {
          return (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
        } catch (error) {
          if ((error as { status?: unknown }).status === 404) return undefined;
          throw error;
        }
      }),

    createBranch: (branch, sha) =>
      call(`create branch ${branch}`, async () => {
        await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      }),

    resetBranch: (branch, sha) =>
      call(`move branch ${branch}`, async () => {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
      }),
  };
}

async function translate<T>(what: string, baseUrl: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitHubError) throw error;
    if (error instanceof NoAnswer) throw new GitHubError(`GitHub could not be reached at ${originOf(baseUrl)} (${error.reason}) to ${what}`);
    const status = (error as { status?: unknown }).status;
    const message = (error as Error).message;
    if (typeof status === 'number' && status > 0 && (error as { response?: unknown }).response) {
      throw new GitHubError(`GitHub refused to ${what}: HTTP ${status} ${message}${hintFor(status)}`, status);
    }
    throw new GitHubError(`GitHub could not be reached at ${originOf(baseUrl)} to ${what}: ${message}`);
  }
}

/** Where the API is, without a path or anything a URL could carry besides (user:password@). */
function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return 'GITHUB_API_URL';
  }
}

function toComment(data: { id: number; body?: string | undefined; html_url: string }): IssueComment {
  return { id: data.id, body: data.body ?? '', htmlUrl: data.html_url };
}

function toIssue(data: { number: number; title: string; body?: string | null | undefined; state: string; html_url: string }): Issue {
  return { number: data.number, title: data.title, body: data.body ?? '', state: data.state === 'closed' ? 'closed' : 'open', htmlUrl: data.html_url };
}

function toCommit(data: { sha: string; tree: { sha: string }; parents: Array<{ sha: string }> }): GitCommit {
  return { sha: data.sha, tree: data.tree.sha, parents: data.parents.map((p) => p.sha) };
}

function toPullRequest(data: { number: number; title: string; state: string; merged_at: string | null; merge_commit_sha: string | null; html_url: string }): PullRequestSummary {
  return {
    number: data.number,
    title: data.title,
    state: data.state === 'closed' ? 'closed' : 'open',
    mergedAt: data.merged_at,
    mergeCommitSha: data.merge_commit_sha,
    htmlUrl: data.html_url,
  };
}
