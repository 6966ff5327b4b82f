/**
 * Where a command stands with GitHub: outside Actions (nothing GitHub happens), in a run whose
 * variables are unusable, or in a run — with a port to the API when GITHUB_TOKEN is set.
 */
import type { Logger } from 'pino';
import { githubToken, readActionsContext, type ActionsContext } from './context.js';
import { createOctokitPort } from './octokit-port.js';
import type { GitHubPort } from './port.js';

export interface ActionsRun {
  kind: 'actions';
  context: ActionsContext;
  /** Undefined when the step was not given GITHUB_TOKEN. */
  port: GitHubPort | undefined;
}

export type GitHubSession = { kind: 'outside' } | { kind: 'invalid'; error: string } | ActionsRun;

export async function openGitHub(env: NodeJS.ProcessEnv, logger: Logger): Promise<GitHubSession> {
  const read = await readActionsContext(env);
  if (read.kind !== 'actions') return read;
  const token = githubToken(env);
  const port = token ? createOctokitPort({ baseUrl: read.context.apiUrl, token, repo: read.context.repo, logger }) : undefined;
  return { kind: 'actions', context: read.context, port };
}

/** The line to print when a run needs the API and has no token. */
export function noTokenError(what: string): string {
  return `GITHUB_TOKEN is not set, so callflow cannot ${what}: give the step \`env: GITHUB_TOKEN: \${{ github.token }}\``;
}
