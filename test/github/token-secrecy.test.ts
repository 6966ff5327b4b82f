import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from '../drift/dashboard.js';
import { actionsStep, EXAMPLE_REPO, pullRequestEvent, pushEvent, scheduleEvent, type Step } from '../support/actions-run.js';
import { FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghs_N3verPrintThisToken0000000000000000';
const CHILD = join(import.meta.dirname, '..', 'support', 'callflow-child.ts');
// The child runs in the temporary repo copy, so tsx is named by its path here.
const TSX = pathToFileURL(join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

let github: FakeGitHub;
let sandbox: RunningSandbox;
let root: string;
beforeEach(async () => {
  github = await FakeGitHub.start({ ...EXAMPLE_REPO, token: TOKEN });
  root = await copyExampleRepo();
  sandbox = await startSeededSandbox(root);
});
afterEach(async () => {
  await github.close();
  await sandbox.close();
});

/** The CLI as its own process, logging everything it can (trace), stdout and stderr kept. */
function runChild(step: Step, ...argv: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, ...argv], { cwd: root, env: { ...step.env, PATH: process.env['PATH'] ?? '', CALLFLOW_LOG_LEVEL: 'trace' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('GITHUB_TOKEN stays secret', () => {
  it('is sent to GitHub and appears in no output, log line, comment, request body, summary or file', async () => {
    const provider = { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url };
    const pr = await actionsStep({ github, token: TOKEN, eventName: 'pull_request', payload: pullRequestEvent('opened', 'a'.repeat(40)), sha: 'a'.repeat(40), ref: 'refs/pull/2/merge', runId: 1, env: provider });
    github.addPullRequest({ number: 2, title: 'x', headSha: 'a'.repeat(40), mergeCommitSha: 'b'.repeat(40), mergedAt: '2026-06-01T11:00:00Z' });
    const push = await actionsStep({ github, token: TOKEN, eventName: 'push', payload: pushEvent('b'.repeat(40)), sha: 'b'.repeat(40), ref: 'refs/heads/main', runId: 2, env: provider });

    const runs = [await runChild(pr, 'plan'), await runChild(push, 'apply', '--doit')];
    // GitHub refusing a call is reported without the token too.
    github.failNext('issues/update-comment', 403, 'Resource not accessible by integration');
    runs.push(await runChild(pr, 'plan'));

    expect(runs.map((r) => r.code)).toEqual([0, 0, 1]);
    expect(runs[2]!.output).toContain('GitHub refused to update comment 1000: HTTP 403');
    // Logs were on: the test would see the token had any log line carried it.
    expect(runs[0]!.output).toContain('"component":"github"');
    for (const run of runs) expect(run.output).not.toContain(TOKEN);

    expect(github.requests.length).toBeGreaterThan(5);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    for (const request of github.requests) expect(JSON.stringify(request.body ?? null)).not.toContain(TOKEN);
    for (const comment of github.comments) expect(comment.body).not.toContain(TOKEN);
    expect(await pr.summary()).not.toBe('');
    for (const file of [pr.summaryPath, push.summaryPath, ...(await filesUnder(root))]) {
      expect(await readFile(file, 'utf8'), file).not.toContain(TOKEN);
    }
  });

  it('the drift run (issue, adopt pull request, job summary) sends it only as the Authorization header', { timeout: 60_000 }, async () => {
    await editFile(join(root, 'config/callflow.yaml'), (t) => t.replace('drift:\n', 'drift:\n  adopt: pr\n'));
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    await new Dashboard(sandbox).rename('+442071838750', 'After-hours UK (summer)');
    const files: Record<string, Buffer> = {};
    for (const file of await filesUnder(root)) if (!file.includes('/.callflow/')) files[file.slice(root.length + 1)] = await readFile(file);
    const main = github.seedCommit(files);
    const step = await actionsStep({ github, token: TOKEN, eventName: 'schedule', payload: scheduleEvent(), sha: main, ref: 'refs/heads/main', runId: 3, env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url } });

    const run = await runChild(step, 'drift');
    expect(run.code).toBe(2);
    expect(run.output).toContain('Opened pull request #1 with the live version');
    expect(run.output).toContain('"component":"github"');
    expect(run.output).not.toContain(TOKEN);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    for (const request of github.requests) expect(JSON.stringify(request.body ?? null)).not.toContain(TOKEN);
    for (const text of [...github.issues.map((i) => i.body), ...github.pullRequests.map((p) => p.body ?? ''), ...[...github.git.blobs.values()].map((b) => b.toString('latin1'))]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(await step.summary()).toContain('## callflow drift');
    for (const file of [step.summaryPath, ...(await filesUnder(root))]) expect(await readFile(file, 'utf8'), file).not.toContain(TOKEN);
  });
});
