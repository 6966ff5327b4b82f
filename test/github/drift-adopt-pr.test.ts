import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from '../drift/dashboard.js';
import { actionsStep, EXAMPLE_REPO, pushEvent, runStep, scheduleEvent, type StepInput } from '../support/actions-run.js';
import { FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghs_adoptPullRequestTestToken5';
const FR = '+33176360000';
const UK = '+442071838750';
const BRANCH = 'callflow/adopt-drift';
const NEW_AUDIO = join(import.meta.dirname, '..', 'fixtures', 'audio', 'mono.mp3');

let github: FakeGitHub;
let sandbox: RunningSandbox;
let root: string;
/** The commit on main the drift workflow checked out. */
let main: string;

/** The checkout's files (what main has), the local journal aside. */
async function filesOf(dir: string): Promise<Record<string, Buffer>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files: Record<string, Buffer> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/');
    if (!path.startsWith('.callflow/')) files[path] = await readFile(join(dir, path));
  }
  return files;
}

beforeEach(async () => {
  github = await FakeGitHub.start({ ...EXAMPLE_REPO, token: TOKEN });
  root = await copyExampleRepo();
  await editFile(join(root, 'config/callflow.yaml'), (t) => t.replace('drift:\n', 'drift:\n  adopt: pr\n'));
  sandbox = await startSeededSandbox(root);
  main = github.seedCommit(await filesOf(root));
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  await sandbox.close();
});

function driftStep(runId: number, extra: Partial<StepInput> = {}) {
  return actionsStep({
    github,
    token: TOKEN,
    eventName: 'schedule',
    payload: scheduleEvent(),
    sha: main,
    ref: 'refs/heads/main',
    runId,
    env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url, GITHUB_WORKSPACE: root },
    ...extra,
  });
}

const head = () => github.git.refs.get(`heads/${BRANCH}`);
const adoptPulls = () => github.pullRequests.filter((pr) => pr.head === BRANCH);

describe('drift.adopt: pr in the scheduled drift workflow', () => {
  it('opens one pull request with the live version, keeps it while the same drift lasts, rebuilds it on new drift, closes it when live matches Git', { timeout: 120_000 }, async () => {
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    const dashboard = new Dashboard(sandbox);
    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = "You have reached Acme's out-of-hours line. Calls may be recorded.";
      return doc;
    });
    const bytes = await readFile(NEW_AUDIO);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await dashboard.upload(bytes, sha256);
    await dashboard.editFlow(FR, (doc) => {
      doc.steps.welcome.message.audio = { path: 'uploads/accueil-été.mp3', sha256 };
      return doc;
    });

    const first = await driftStep(401);
    const opened = await runStep(root, first, 'drift');
    // Drift is still drift: the pull request only proposes Git's side of it.
    expect(opened.code).toBe(2);
    expect(opened.stderr).toContain('Opened pull request #1 with the live version: https://github.com/Codertocat/Hello-World/pull/1');
    expect(opened.stderr).toContain('Opened drift issue #2: https://github.com/Codertocat/Hello-World/issues/2');
    expect(adoptPulls()).toHaveLength(1);
    const pr = adoptPulls()[0]!;
    expect(pr).toMatchObject({ base: 'main', state: 'open', title: 'callflow: adopt the live version of 2 numbers' });
    expect(pr.body).toContain(`| \`${UK}\` | After-hours UK | \`config/numbers/after-hours-uk.yaml\` | edited outside callflow: flow v2 published by alice (dashboard) at `);
    expect(pr.body).toContain(`| \`${FR}\` | Support France | \`config/numbers/support-fr.yaml\` |`);
    const adoptedAudio = `audio/adopted/${sha256.slice(0, 16)}.mp3`;
    expect(pr.body).toContain(`\`${adoptedAudio}\``);
    expect(pr.body).toContain(`by [the drift check](https://github.com/Codertocat/Hello-World/actions/runs/401)`);

    const branch = github.filesOn(BRANCH)!;
    const base = github.filesOn('main')!;
    expect(branch.get('config/numbers/after-hours-uk.yaml')!.toString()).toContain(`message: { tts: "You have reached Acme's out-of-hours line. Calls may be recorded." }`);
    expect(branch.get('config/numbers/support-fr.yaml')!.toString()).toContain(`message: { file: ${adoptedAudio} }`);
    expect(branch.get(adoptedAudio)).toEqual(bytes);
    const changed = [...branch.keys()].filter((path) => !base.get(path)?.equals(branch.get(path)!)).sort();
    expect(changed).toEqual([adoptedAudio, 'config/numbers/after-hours-uk.yaml', 'config/numbers/support-fr.yaml']);
    expect(github.git.commits.get(head()!)!.parents).toEqual([main]);
    // The checkout itself is left as it was.
    expect((await filesOf(root))['config/numbers/after-hours-uk.yaml']).toEqual(base.get('config/numbers/after-hours-uk.yaml'));
    // What the branch holds is what is live: checked out, it is in sync.
    const checkout = await mkdtemp(join(tmpdir(), 'callflow-adopt-branch-'));
    for (const [path, content] of branch) {
      await mkdir(dirname(join(checkout, path)), { recursive: true });
      await writeFile(join(checkout, path), content);
    }
    const onBranch = await callflow(checkout, sandbox, 'drift');
    expect(onBranch.stderr).toBe('');
    expect(onBranch.stdout).toContain('In sync: all 3 numbers match Git');

    const issue = github.issues.find((i) => i.number === 2)!;
    expect(issue.body).toContain('**Keep the live version**: review and merge [#1](https://github.com/Codertocat/Hello-World/pull/1)');
    expect(await first.summary()).toContain('Opened the pull request that adopts the live version: [#1](https://github.com/Codertocat/Hello-World/pull/1).');

    // The same drift, six hours later: nothing new is pushed.
    const headBefore = head();
    const same = await runStep(root, await driftStep(402), 'drift');
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('Kept (same live version) pull request #1');
    expect(head()).toBe(headBefore);
    expect(github.requests.filter((r) => r.operationId === 'git/create-commit')).toHaveLength(1);

    // More drift: the branch is rebuilt on main, the pull request updated, never a second one.
    await dashboard.rename(UK, 'After-hours UK (summer)');
    const more = await runStep(root, await driftStep(403), 'drift');
    expect(more.code).toBe(2);
    expect(more.stderr).toContain('Updated pull request #1 with the live version');
    expect(head()).not.toBe(headBefore);
    expect(github.git.commits.get(head()!)!.parents).toEqual([main]);
    expect(github.filesOn(BRANCH)!.get('config/numbers/after-hours-uk.yaml')!.toString()).toContain('name: After-hours UK (summer)');
    expect(adoptPulls()).toHaveLength(1);
    expect(adoptPulls()[0]!.body).toContain('actions/runs/403');
    expect(github.issues).toHaveLength(1);

    // Git's version is applied again: nothing left to adopt.
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    const resolved = await runStep(root, await driftStep(404), 'drift');
    expect(resolved.code).toBe(0);
    expect(resolved.stderr).toContain('Closed pull request #1: nothing left to adopt');
    expect(resolved.stderr).toContain('Closed drift issue #2');
    expect(adoptPulls()[0]!.state).toBe('closed');
    expect(github.commentsOn(1).map((c) => c.body)).toEqual([expect.stringMatching(/^Live matches Git again \(checked .+\): nothing is left to adopt, so callflow closes this pull request\.$/)]);
    for (const request of github.requests) expect(JSON.stringify(request.body ?? null)).not.toContain(TOKEN);
    for (const run of [opened, same, more, resolved]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('drift that cannot be adopted opens no pull request; a push run only summarises', async () => {
    // Never applied: live has the platform's default flows, nothing to adopt.
    const run = await runStep(root, await driftStep(411), 'drift');
    expect(run.code).toBe(2);
    expect(adoptPulls()).toEqual([]);
    expect(head()).toBeUndefined();
    expect(github.issues[0]!.body).toContain('**Keep the live version**: run `callflow drift --adopt` on a branch');

    const before = github.requests.length;
    expect((await runStep(root, await driftStep(412, { eventName: 'push', payload: pushEvent(main) }), 'drift')).code).toBe(2);
    expect(github.requests.length).toBe(before);
  });

  it('a token without contents write: one line naming the permission, exit 1, and the issue says the pull request could not be opened', async () => {
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    await new Dashboard(sandbox).rename(UK, 'After-hours UK (summer)');
    github.failNext('git/create-tree', 403, 'Resource not accessible by integration');
    const run = await runStep(root, await driftStep(421), 'drift');
    expect(run.code).toBe(1);
    const last = run.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^callflow drift: drift\.adopt: pr: GitHub refused to make a tree: HTTP 403 Resource not accessible by integration .*contents write/);
    expect(run.stderr).toContain('Opened drift issue #1');
    expect(github.issues[0]!.body).toContain('**Keep the live version**: callflow could not open its pull request (GitHub refused to make a tree: HTTP 403');
    expect(adoptPulls()).toEqual([]);
  });

  it('a config kept in a folder of the repository is committed under that folder', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'callflow-workspace-'));
    await cp(root, join(workspace, 'telephony'), { recursive: true });
    root = join(workspace, 'telephony');
    main = github.seedCommit({ 'README.md': '# Our repo\n', ...Object.fromEntries(Object.entries(await filesOf(root)).map(([path, content]) => [`telephony/${path}`, content])) });
    expect((await callflow(root, sandbox, 'apply', '--doit')).code).toBe(0);
    await new Dashboard(sandbox).rename(UK, 'After-hours UK (summer)');

    const run = await runStep(root, await driftStep(431, { env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url, GITHUB_WORKSPACE: workspace } }), 'drift');
    expect(run.code).toBe(2);
    const branch = github.filesOn(BRANCH)!;
    const base = github.filesOn('main')!;
    expect([...branch.keys()].filter((path) => !base.get(path)?.equals(branch.get(path)!))).toEqual(['telephony/config/numbers/after-hours-uk.yaml']);
    expect(branch.get('telephony/config/numbers/after-hours-uk.yaml')!.toString()).toContain('name: After-hours UK (summer)');
    expect(adoptPulls()[0]!.body).toContain('`telephony/config/numbers/after-hours-uk.yaml`');
  });
});
