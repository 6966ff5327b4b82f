/**
 * A GitHub Actions step, reproduced in-process: the standard GITHUB_* variables, a real event
 * payload (GitHub's own examples from `@octokit/webhooks-examples`, pointed at our commits) in
 * an event file, a job summary file, and the CLI run with that environment.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { FakeGitHub } from './fake-github.js';

interface WebhookExamples {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExamples[];

function example(name: string, action?: string): Record<string, unknown> {
  const found = examples.find((e) => e.name === name)?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`no ${name}${action ? `.${action}` : ''} example payload`);
  return structuredClone(found);
}

/** The repository every example payload is about. */
export const EXAMPLE_REPO = { owner: 'Codertocat', repo: 'Hello-World' } as const;

/** A pull_request event (opened or synchronize) for PR `number` whose head is `headSha`. */
export function pullRequestEvent(action: 'opened' | 'synchronize', headSha: string, number = 2): Record<string, unknown> {
  const payload = example('pull_request', action);
  const pr = payload['pull_request'] as { number: number; head: { sha: string } };
  payload['number'] = number;
  pr.number = number;
  pr.head.sha = headSha;
  if (action === 'synchronize') payload['after'] = headSha;
  return payload;
}

/** A push of `sha` to main. */
export function pushEvent(sha: string): Record<string, unknown> {
  const payload = example('push');
  Object.assign(payload, { ref: 'refs/heads/main', after: sha });
  return payload;
}

/** A scheduled run's event: not a webhook (so no example payload); it names the cron line that fired. */
export function scheduleEvent(cron = '23 */6 * * *'): Record<string, unknown> {
  return { schedule: cron };
}

export function workflowDispatchEvent(): Record<string, unknown> {
  return Object.assign(example('workflow_dispatch'), { ref: 'refs/heads/main' });
}

export interface StepInput {
  github: FakeGitHub;
  token: string | undefined;
  eventName: 'pull_request' | 'push' | 'workflow_dispatch' | 'schedule';
  payload: Record<string, unknown>;
  /** GITHUB_SHA */
  sha: string;
  ref: string;
  runId: number;
  /** More variables: the telephony provider and its credentials. */
  env?: Record<string, string>;
}

export interface Step {
  env: Record<string, string>;
  summaryPath: string;
  summary: () => Promise<string>;
}

export async function actionsStep(input: StepInput): Promise<Step> {
  const dir = await mkdtemp(join(tmpdir(), 'callflow-actions-'));
  const eventPath = join(dir, 'event.json');
  const summaryPath = join(dir, 'step_summary.md');
  await writeFile(eventPath, JSON.stringify(input.payload));
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: input.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${input.github.owner}/${input.github.repo}`,
    GITHUB_SHA: input.sha,
    GITHUB_REF: input.ref,
    GITHUB_API_URL: input.github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(input.runId),
    GITHUB_ACTOR: 'Codertocat',
    GITHUB_STEP_SUMMARY: summaryPath,
    CALLFLOW_LOG_LEVEL: 'silent',
    ...(input.token ? { GITHUB_TOKEN: input.token } : {}),
    ...input.env,
  };
  return { env, summaryPath, summary: () => readFile(summaryPath, 'utf8') };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `callflow ARGS` in-process in ROOT with the step's environment. */
export async function runStep(root: string, step: Step, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: root, env: step.env, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
