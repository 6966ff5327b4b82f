import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientFor, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { actionsStep, EXAMPLE_REPO, pullRequestEvent, pushEvent, runStep, workflowDispatchEvent } from '../support/actions-run.js';
import { FakeGitHub } from '../support/fake-github.js';
import { startFailingProxy, type FailingProxy } from '../support/failing-proxy.js';

const TOKEN = 'ghs_deployTestToken77';
const HEAD = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MERGED = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const UK = '+442071838750';

let github: FakeGitHub;
let sandbox: RunningSandbox;
let proxy: FailingProxy | undefined;
let root: string;

beforeEach(async () => {
  github = await FakeGitHub.start({ ...EXAMPLE_REPO, token: TOKEN });
  root = await copyExampleRepo();
  sandbox = await startSeededSandbox(root);
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  await proxy?.close();
  proxy = undefined;
  await sandbox.close();
});

const provider = () => ({ CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: proxy?.url ?? sandbox.url });

/** The PR workflow plans HEAD (the comment carries the reviewed plan), then the PR is merged as MERGED. */
async function reviewAndMerge(): Promise<void> {
  const step = await actionsStep({ github, token: TOKEN, eventName: 'pull_request', payload: pullRequestEvent('opened', HEAD), sha: HEAD, ref: 'refs/pull/2/merge', runId: 201, env: provider() });
  expect((await runStep(root, step, 'plan')).code).toBe(0);
  github.addPullRequest({ number: 2, title: 'New call flows', headSha: HEAD, mergeCommitSha: MERGED, mergedAt: '2026-06-01T11:00:00Z' });
}

async function applyOnMain(runId: number, event: 'push' | 'workflow_dispatch' = 'push', ...flags: string[]) {
  const payload = event === 'push' ? pushEvent(MERGED) : workflowDispatchEvent();
  const step = await actionsStep({ github, token: TOKEN, eventName: event, payload, sha: MERGED, ref: 'refs/heads/main', runId, env: provider() });
  return runStep(root, step, 'apply', '--doit', ...flags);
}

async function publishedVersion(number: string): Promise<number | null> {
  const client = await clientFor(root, sandbox);
  try {
    const summary = (await client.listNumbers()).find((n) => n.number === number)!;
    return (await client.readNumber(summary.id)).flow?.published?.version ?? null;
  } finally {
    await client.close();
  }
}

const applyComments = () => github.commentsOn(2).filter((c) => c.body.includes('<!-- callflow-apply -->'));

describe('callflow apply --doit on main, as a GitHub deployment', () => {
  it('records a deployment of the merged commit, in_progress then success, and comments the result on the merged PR', async () => {
    await reviewAndMerge();
    const run = await applyOnMain(301);
    expect(run.stdout).toContain('Applied 3 of 3 numbers');
    expect(run.code).toBe(0);
    expect(github.deployments).toHaveLength(1);
    const deployment = github.deployments[0]!;
    expect(deployment).toMatchObject({ ref: MERGED, environment: 'callflow-live', description: 'callflow apply of #2' });
    expect(deployment.statuses).toEqual([
      { state: 'in_progress', logUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/301', description: 'Applying the merged config' },
      { state: 'success', logUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/301', description: '3 of 3 numbers applied' },
    ]);
    expect(applyComments()).toHaveLength(1);
    const body = applyComments()[0]!.body;
    expect(body).toContain('## callflow apply: ✅ applied');
    expect(body).toContain("deployment to `callflow-live`: **success**");
    expect(body).toContain(`| \`${UK}\` | After-hours UK | ✅ applied, published version 1 |`);
    expect(body).toMatch(/Applied the plan reviewed in this pull request \(checksum <code>[0-9a-f]{12}<\/code>\)/);
    expect(run.stderr).toContain('Commented the result on pull request #2');
    expect(await publishedVersion(UK)).toBe(1);
  });

  it('refuses a number edited live between review and merge, says so on the PR, and overwrites it only when re-run with force', async () => {
    await reviewAndMerge();
    // Someone edits the UK number in the dashboard after the plan was reviewed.
    const client = await clientFor(root, sandbox);
    const id = (await client.listNumbers()).find((n) => n.number === UK)!.id;
    const draft = await client.flows!.writeDraft(id, { start: 'hello', steps: { hello: { type: 'hangup' } } }, 0);
    await client.flows!.publish(id, draft.version);
    await client.close();

    const refused = await applyOnMain(302);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(new RegExp(`! \\${UK} After-hours UK: refused — its flow version is now 1, the reviewed plan saw 0`));
    expect(refused.stdout).toContain('Applied 2 of 3 numbers');
    expect(await publishedVersion(UK)).toBe(1);
    expect(await publishedVersion('+33176360000')).toBe(1);
    expect(github.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(github.deployments[0]!.statuses[1]!.description).toBe('2 of 3 numbers applied, 1 refused');
    const body = applyComments()[0]!.body;
    expect(body).toContain(`| \`${UK}\` | After-hours UK | ⛔ refused: its flow version is now 1, the reviewed plan saw 0 |`);
    expect(body).toContain("1 number changed live after this pull request's plan was made (a dashboard edit?), so callflow left it as it is");
    expect(body).toContain('run the apply workflow again with `force`');

    // A maintainer re-runs the apply workflow with force.
    const forced = await applyOnMain(303, 'workflow_dispatch', '--force');
    expect(forced.code).toBe(0);
    expect(await publishedVersion(UK)).toBe(2);
    expect(github.deployments[1]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(applyComments()[1]!.body).toContain(`Forced: overwrote 1 number that changed live after the reviewed plan: \`${UK}\`.`);
  });

  it('a number that fails to apply marks the deployment failure', async () => {
    await reviewAndMerge();
    const client = await clientFor(root, sandbox);
    const id = (await client.listNumbers()).find((n) => n.number === UK)!.id;
    await client.close();
    proxy = await startFailingProxy(sandbox.url, (method, path) => method === 'PUT' && path.startsWith(`/v1/callflow/numbers/${id}/flow/draft`));

    const run = await applyOnMain(304);
    expect(run.code).toBe(1);
    expect(proxy.failed).toBeGreaterThan(0);
    expect(github.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(github.deployments[0]!.statuses[1]!.description).toBe('2 of 3 numbers applied, 1 failed');
    expect(applyComments()[0]!.body).toContain('## callflow apply: ❌ not everything was applied');
    expect(applyComments()[0]!.body).toMatch(new RegExp(`\\| \`\\${UK}\` \\| After-hours UK \\| ❌ failed: `));
  });

  it('a push that no pull request merged is applied and recorded without a reviewed plan, and says so', async () => {
    const run = await applyOnMain(306);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No pull request was merged as bbbbbbb: applied without a reviewed plan to check live against');
    expect(github.deployments[0]).toMatchObject({ description: 'callflow apply of bbbbbbb', statuses: [{ state: 'in_progress' }, { state: 'success' }] });
    expect(github.comments).toEqual([]);
  });

  it('a config error on main is a failed apply attempt told to the PR, with no deployment since nothing was tried', async () => {
    await reviewAndMerge();
    await editFile(join(root, 'config/numbers/support-fr.yaml'), (t) => t.replace('no_input: support', 'no_input: suport'));
    const run = await applyOnMain(305);
    expect(run.code).toBe(1);
    expect(github.deployments).toEqual([]);
    const body = applyComments()[0]!.body;
    expect(body).toContain('## callflow apply: ❌ not everything was applied');
    expect(body).toMatch(/The merged config has \d+ errors?; nothing was read from or written to the account/);
  });
});
