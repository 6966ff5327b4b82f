import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDriftIssueState } from '../../src/drift/issue.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from '../drift/dashboard.js';
import { actionsStep, EXAMPLE_REPO, pushEvent, runStep, scheduleEvent, workflowDispatchEvent, type StepInput } from '../support/actions-run.js';
import { FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghs_driftIssueTestToken31';
const MAIN = 'cccccccccccccccccccccccccccccccccccccccc';
const UK = '+442071838750';

let github: FakeGitHub;
let sandbox: RunningSandbox;
let root: string;

beforeEach(async () => {
  github = await FakeGitHub.start({ ...EXAMPLE_REPO, token: TOKEN });
  root = await copyExampleRepo();
  sandbox = await startSeededSandbox(root);
  expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  await sandbox.close();
});

/** The drift workflow's step: a scheduled run (or a manual one) on main. */
function driftStep(runId: number, extra: Partial<StepInput> = {}) {
  return actionsStep({ github, token: TOKEN, eventName: 'schedule', payload: scheduleEvent(), sha: MAIN, ref: 'refs/heads/main', runId, env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url }, ...extra });
}

const driftIssues = () => github.issues.filter((i) => i.body.includes('<!-- callflow-drift -->'));

describe('callflow drift in the scheduled drift workflow', () => {
  it('opens one issue on drift, updates it with a count while drift lasts, closes it with a comment when live matches again', { timeout: 60_000 }, async () => {
    const quiet = await driftStep(301);
    const inSync = await runStep(root, quiet, 'drift');
    expect(inSync.code).toBe(0);
    expect(github.issues).toEqual([]);
    expect(await quiet.summary()).toContain('In sync: all 3 numbers match Git');

    await new Dashboard(sandbox).editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = 'Acme is closed for the weekend.';
      return doc;
    });
    const first = await driftStep(302);
    const opened = await runStep(root, first, 'drift');
    expect(opened.code).toBe(2);
    expect(opened.stdout).toContain(`~ ${UK} After-hours UK`);
    expect(opened.stderr).toMatch(/^Opened drift issue #1: https:\/\/github\.com\/Codertocat\/Hello-World\/issues\/1$/m);
    expect(driftIssues()).toHaveLength(1);
    const issue = driftIssues()[0]!;
    expect(issue).toMatchObject({ title: 'callflow drift: 1 number differs from Git', labels: ['callflow-drift'], state: 'open' });
    expect(issue.body).toContain(`| \`${UK}\` | After-hours UK | 1 | edited outside callflow: flow v2 published by alice (dashboard) at `);
    expect(issue.body).toContain('| greeting.message | tts "Acme is closed for the weekend." (en-GB) |');
    expect(issue.body).toContain('([run](https://github.com/Codertocat/Hello-World/actions/runs/302))');
    const state1 = readDriftIssueState(issue.body)!;
    expect(state1.checks).toBe(1);
    const summary = await first.summary();
    expect(summary).toContain('## callflow drift');
    expect(summary).toContain(`| \`${UK}\` | After-hours UK | 1 |`);
    expect(summary).toContain('Opened the drift issue [#1](https://github.com/Codertocat/Hello-World/issues/1).');

    // Drift lasts; a maintainer also runs the workflow by hand.
    for (const [runId, event] of [[303, 'schedule'], [304, 'workflow_dispatch']] as const) {
      const step = await driftStep(runId, { eventName: event, payload: event === 'schedule' ? scheduleEvent() : workflowDispatchEvent() });
      const again = await runStep(root, step, 'drift');
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('Updated drift issue #1');
    }
    expect(driftIssues()).toHaveLength(1);
    const updated = driftIssues()[0]!;
    expect(readDriftIssueState(updated.body)).toEqual({ firstSeen: state1.firstSeen, checks: 3 });
    expect(updated.body).toContain('actions/runs/304');

    // Someone restores Git's version.
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    const resolved = await driftStep(305);
    const closed = await runStep(root, resolved, 'drift');
    expect(closed.code).toBe(0);
    expect(closed.stderr).toContain('Closed drift issue #1');
    expect(driftIssues()[0]!.state).toBe('closed');
    expect(github.commentsOn(1).map((c) => c.body)).toEqual([expect.stringMatching(/^Live matches Git again \(checked .+\)\. Drift was first seen .+ and found by 3 checks\.$/)]);

    // In sync with no issue open: GitHub is only asked.
    const before = github.requests.length;
    expect((await runStep(root, await driftStep(306), 'drift')).code).toBe(0);
    expect(github.requests.slice(before).map((r) => r.operationId)).toEqual(['issues/list-for-repo']);
    expect(github.issues).toHaveLength(1);
  });

  it('leaves issues of others alone, even with the same label', async () => {
    github.issues.push({ number: 40, title: 'Call quality', body: 'hand-written', state: 'open', labels: ['callflow-drift'] });
    await new Dashboard(sandbox).rename(UK, 'After-hours UK (summer)');
    expect((await runStep(root, await driftStep(311), 'drift')).code).toBe(2);
    expect(github.issues.map((i) => [i.number, i.state, i.body.includes('<!-- callflow-drift -->')])).toEqual([
      [40, 'open', false],
      [41, 'open', true],
    ]);
  });

  it('in a push run only the job summary is written; outside Actions nothing GitHub happens', async () => {
    await new Dashboard(sandbox).rename(UK, 'After-hours UK (summer)');
    const push = await driftStep(321, { eventName: 'push', payload: pushEvent(MAIN) });
    expect((await runStep(root, push, 'drift')).code).toBe(2);
    expect(await push.summary()).toContain(`\`${UK}\``);

    const outside = await driftStep(322);
    delete outside.env['GITHUB_ACTIONS'];
    const run = await runStep(root, outside, 'drift');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(await outside.summary()).toBe('');
    expect(github.requests).toEqual([]);
  });

  it('without GITHUB_TOKEN, or when GitHub refuses, the report is still printed and summarised; one line, exit 1', async () => {
    await new Dashboard(sandbox).rename(UK, 'After-hours UK (summer)');
    const noToken = await driftStep(331, { token: undefined });
    const run = await runStep(root, noToken, 'drift');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`~ ${UK}`);
    expect(run.stderr).toMatch(/^callflow drift: GITHUB_TOKEN is not set, so callflow cannot keep the drift issue: give the step `env: GITHUB_TOKEN: \$\{\{ github\.token \}\}`$/m);
    expect(await noToken.summary()).toContain(`\`${UK}\``);

    github.failNext('issues/create', 403, 'Resource not accessible by integration');
    const refused = await runStep(root, await driftStep(332), 'drift');
    expect(refused.code).toBe(1);
    const last = refused.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^callflow drift: GitHub refused to open an issue: HTTP 403 Resource not accessible by integration.*issues/);
    expect(refused.stderr).not.toContain(TOKEN);
  });
});
