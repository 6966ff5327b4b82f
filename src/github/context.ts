/**
 * The GitHub Actions run we are in, read from the standard `GITHUB_*` variables and the event
 * file. Outside Actions (`GITHUB_ACTIONS` is not "true") there is no context and nothing
 * GitHub-related happens. The token is deliberately not part of the context: it is read once,
 * where the API client is built (see `githubToken`), so a context can be printed or logged.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestEvent {
  number: number;
  /** The commit the PR branch points at: what the author pushed and a plan is made of. */
  headSha: string;
  /** The PR comes from another repository: its runs get no secrets. */
  fromFork: boolean;
}

export interface ActionsContext {
  eventName: string;
  repo: RepoRef;
  /** GITHUB_SHA: for pull_request, the test merge commit; for push, the pushed commit. */
  sha: string;
  ref: string;
  apiUrl: string;
  serverUrl: string;
  runId: string;
  /** `GITHUB_SERVER_URL/OWNER/REPO/actions/runs/RUN_ID`. */
  runUrl: string;
  /** GITHUB_STEP_SUMMARY: the file this step's job summary is appended to. */
  stepSummaryPath: string | undefined;
  /** GITHUB_WORKSPACE: where the repository is checked out (paths in commits are relative to it). */
  workspace: string | undefined;
  /** Set for pull_request events. */
  pullRequest: PullRequestEvent | undefined;
}

export type ContextResult =
  | { kind: 'outside' }
  | { kind: 'actions'; context: ActionsContext }
  | { kind: 'invalid'; error: string };

const pullRequestPayload = z.object({
  number: z.number().int().positive(),
  pull_request: z.object({
    head: z.object({ sha: z.string().min(1), repo: z.object({ full_name: z.string() }).nullable().optional() }),
    base: z.object({ repo: z.object({ full_name: z.string() }) }),
  }),
});

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const REQUIRED = ['GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_REF', 'GITHUB_RUN_ID'] as const;

export async function readActionsContext(env: NodeJS.ProcessEnv): Promise<ContextResult> {
  if (env['GITHUB_ACTIONS'] !== 'true') return { kind: 'outside' };
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length) return invalid(`GITHUB_ACTIONS is "true" but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`);

  const [owner, repo, ...rest] = env['GITHUB_REPOSITORY']!.split('/');
  if (!owner || !repo || rest.length) return invalid(`GITHUB_REPOSITORY must be OWNER/REPO (got "${env['GITHUB_REPOSITORY']}")`);

  const event = await readEvent(env['GITHUB_EVENT_PATH']!);
  if (!event.ok) return invalid(event.error);

  const eventName = env['GITHUB_EVENT_NAME']!;
  let pullRequest: PullRequestEvent | undefined;
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    const parsed = pullRequestPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(`the ${eventName} event in GITHUB_EVENT_PATH has no pull request (number, head sha)`);
    const { number, pull_request: pr } = parsed.data;
    pullRequest = { number, headSha: pr.head.sha, fromFork: (pr.head.repo?.full_name ?? '') !== pr.base.repo.full_name };
  }

  const serverUrl = trimSlash(env['GITHUB_SERVER_URL'] || 'https://github.com');
  const runId = env['GITHUB_RUN_ID']!;
  return {
    kind: 'actions',
    context: {
      eventName,
      repo: { owner, repo },
      sha: env['GITHUB_SHA']!,
      ref: env['GITHUB_REF']!,
      apiUrl: trimSlash(env['GITHUB_API_URL'] || 'https://api.github.com'),
      serverUrl,
      runId,
      runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
      stepSummaryPath: env['GITHUB_STEP_SUMMARY'] || undefined,
      workspace: env['GITHUB_WORKSPACE'] || undefined,
      pullRequest,
    },
  };
}

/** GITHUB_TOKEN, read only where the API client is built; never stored in a context. */
export function githubToken(env: NodeJS.ProcessEnv): string | undefined {
  return env['GITHUB_TOKEN'] || undefined;
}

/** The branch a push, schedule or manual run is on (`refs/heads/NAME`); undefined for tags and pull requests. */
export function branchOf(context: ActionsContext): string | undefined {
  return context.ref.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : undefined;
}

export function commitUrl(context: ActionsContext, sha: string): string {
  return `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/commit/${sha}`;
}

async function readEvent(path: string): Promise<{ ok: true; payload: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read the event file GITHUB_EVENT_PATH=${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    return { ok: true, payload: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: `the event file GITHUB_EVENT_PATH=${path} is not JSON` };
  }
}

const invalid = (error: string): ContextResult => ({ kind: 'invalid', error });
const trimSlash = (url: string) => url.replace(/\/+$/, '');
