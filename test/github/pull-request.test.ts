import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReviewedPlan } from '../../src/github/reviewed-plan.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { actionsStep, EXAMPLE_REPO, pullRequestEvent, pushEvent, runStep, type StepInput } from '../support/actions-run.js';
import { FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghs_pullRequestTestToken42';
const HEAD_1 = '1111111111111111111111111111111111111111';
const HEAD_2 = '2222222222222222222222222222222222222222';
const MERGE_REF = 'refs/pull/2/merge';

let github: FakeGitHub;
let sandbox: RunningSandbox | undefined;
let root: string;

beforeEach(async () => {
  github = await FakeGitHub.start({ ...EXAMPLE_REPO, token: TOKEN });
  root = await copyExampleRepo();
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  await sandbox?.close();
  sandbox = undefined;
});

async function prStep(action: 'opened' | 'synchronize', head: string, runId: number, env: Record<string, string>, extra: Partial<StepInput> = {}) {
  return actionsStep({ github, token: TOKEN, eventName: 'pull_request', payload: pullRequestEvent(action, head), sha: `9${head.slice(1)}`, ref: MERGE_REF, runId, env, ...extra });
}

describe('callflow plan in a pull request workflow', () => {
  it('comments the plan once, then edits that comment with the next push, and writes the job summary', async () => {
    sandbox = await startSeededSandbox(root);
    const provider = { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url };

    const first = await prStep('opened', HEAD_1, 101, provider);
    const run1 = await runStep(root, first, 'plan');
    expect(run1.stderr).toContain('Commented on pull request #2: https://github.com/Codertocat/Hello-World/pull/2#issuecomment-');
    expect(run1.code).toBe(0);
    expect(github.commentsOn(2)).toHaveLength(1);
    const comment = { ...github.commentsOn(2)[0]! };
    expect(comment.body).toContain('Planned commit [`1111111`](https://github.com/Codertocat/Hello-World/commit/1111111111111111111111111111111111111111)');
    expect(comment.body).toContain('[this workflow run](https://github.com/Codertocat/Hello-World/actions/runs/101)');
    expect(comment.body).toContain('**Validation:** no problems.');
    expect(comment.body).toMatch(/\*\*Flow tests:\*\* all \d+ tests passed\./);
    expect(comment.body).toContain('| `+442071838750` | After-hours UK | create flow |');
    expect(comment.body).toContain('```diff');
    expect(comment.body).toContain('```mermaid');
    const reviewed = readReviewedPlan(comment.body);
    expect(reviewed.ok && reviewed.reviewed.commit).toBe(HEAD_1);
    expect(reviewed.ok && reviewed.reviewed.numbers.map(([n]) => n)).toEqual(['+12125550142', '+33176360000', '+442071838750']);
    const summary1 = await first.summary();
    expect(summary1).toContain('| `+33176360000` | Support France | create flow |');
    expect(summary1).not.toContain('callflow-reviewed-plan');

    // The author pushes a change to one message.
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('To leave a message', 'To leave us a message'));
    const second = await prStep('synchronize', HEAD_2, 102, provider);
    const run2 = await runStep(root, second, 'plan');
    expect(run2.code).toBe(0);
    expect(run2.stderr).toContain('Updated the comment on pull request #2');
    expect(github.commentsOn(2)).toHaveLength(1);
    const updated = github.commentsOn(2)[0]!;
    expect(updated.id).toBe(comment.id);
    expect(updated.body).toContain('Planned commit [`2222222`]');
    expect(updated.body).toContain('actions/runs/102');
    expect(updated.body).toContain('To leave us a message');
    expect(comment.body).not.toContain('To leave us a message');
    expect(await second.summary()).toContain('To leave us a message');
    expect(github.requests.map((r) => r.operationId)).toEqual(['issues/list-comments', 'issues/create-comment', 'issues/list-comments', 'issues/update-comment']);
  });

  it('annotates a broken file and comments its problems instead of a plan, reading nothing live', async () => {
    sandbox = await startSeededSandbox(root);
    await editFile(join(root, 'config/numbers/support-fr.yaml'), (t) => t.replace('no_input: support', 'no_input: suport'));
    const step = await prStep('opened', HEAD_1, 103, { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url });

    const validate = await runStep(root, step, 'validate', '--format', 'github');
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/^::error file=config\/numbers\/support-fr\.yaml,line=24,endLine=\d+,col=17,title=callflow [^:]+::.*suport/m);

    const plan = await runStep(root, step, 'plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('nothing was read from or written to the account');
    const body = github.commentsOn(2)[0]!.body;
    expect(body).toMatch(/#### Validation: \d+ errors?/);
    expect(body).toContain('[`config/numbers/support-fr.yaml:24`](https://github.com/Codertocat/Hello-World/blob/1111111111111111111111111111111111111111/config/numbers/support-fr.yaml#L24)');
    expect(body).toContain('Not planned: fix the validation errors above first');
    // The broken number's tests would only fail for the error above: not run, and said so.
    expect(body).toMatch(/\*\*Flow tests:\*\* all \d+ tests passed; 7 not run because of the errors above\./);
    expect(body).not.toContain('#### Flow tests');
    expect(body).not.toContain('callflow-reviewed-plan');
    expect(await step.summary()).toContain('suport');
  });

  it('shows failing flow tests with their first divergence', async () => {
    sandbox = await startSeededSandbox(root);
    await editFile(join(root, 'config/numbers/support-fr.yaml'), (t) => t.replace('expect: [welcome, hours, closed-voicemail]', 'expect: [welcome, hours, menu]'));
    const step = await prStep('opened', HEAD_1, 104, { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url });
    const plan = await runStep(root, step, 'plan');
    expect(plan.code).toBe(1);
    const body = github.commentsOn(2)[0]!.body;
    expect(body).toMatch(/#### Flow tests: 1 of \d+ failed/);
    expect(body).toMatch(/- `support-fr` › .+: first divergence at step 3: expected "menu", got "closed-voicemail"/);
  });

  it('a fork pull request (no telephony credentials) validates and tests but skips the live read, and says so', async () => {
    const step = await prStep('opened', HEAD_1, 105, { CALLFLOW_PROVIDER: 'aircall' });
    const plan = await runStep(root, step, 'plan');
    expect(plan.stderr).toContain('callflow plan: live read skipped: this run has no telephony credentials');
    expect(plan.code).toBe(0);
    const body = github.commentsOn(2)[0]!.body;
    expect(body).toContain('Live read skipped: this run has no telephony credentials (the aircall provider needs AIRCALL\\_API\\_ID and AIRCALL\\_API\\_TOKEN in the environment); pull requests from forks get no secrets.');
    expect(body).toContain('**Validation:** no problems.');
    expect(body).not.toContain('callflow-reviewed-plan');
  });

  it("a fork's read-only token cannot comment: the run still succeeds, with the plan in the job summary", async () => {
    const payload = pullRequestEvent('opened', HEAD_1);
    (payload['pull_request'] as { head: { repo: { full_name: string } } }).head.repo.full_name = 'someone/Hello-World';
    const step = await prStep('opened', HEAD_1, 109, { CALLFLOW_PROVIDER: 'aircall' }, { payload });
    github.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
    const plan = await runStep(root, step, 'plan');
    expect(plan.code).toBe(0);
    expect(plan.stderr).toContain('Not commented: the token of a pull request from a fork cannot write comments');
    expect(await step.summary()).toContain('Live read skipped');
  });

  it('a missing GITHUB_TOKEN or a refused comment is one line and exit 1', async () => {
    sandbox = await startSeededSandbox(root);
    const provider = { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url };
    const noToken = await runStep(root, await prStep('opened', HEAD_1, 106, provider, { token: undefined }), 'plan');
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^callflow plan: GITHUB_TOKEN is not set, so callflow cannot comment the plan on pull request #2: give the step `env: GITHUB_TOKEN: \$\{\{ github\.token \}\}`$/m);

    github.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
    const refused = await runStep(root, await prStep('opened', HEAD_1, 107, provider), 'plan');
    expect(refused.code).toBe(1);
    const last = refused.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^callflow plan: GitHub refused to comment on #2: HTTP 403 Resource not accessible by integration.*pull-requests/);
    expect(refused.stderr).not.toContain('    at ');
  });

  it('a GitHub API that refuses connections is one line naming it, at once, without the token', async () => {
    sandbox = await startSeededSandbox(root);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const step = await prStep('opened', HEAD_1, 109, { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url, GITHUB_API_URL: `http://127.0.0.1:${port}` });
    const started = Date.now();
    const run = await runStep(root, step, 'plan');
    expect(Date.now() - started).toBeLessThan(5000); // retried as a "500" it took 14 s
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`callflow plan: GitHub could not be reached at http://127.0.0.1:${port} (connection refused) to list the comments of #2\n`);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('outside Actions nothing GitHub happens', async () => {
    sandbox = await startSeededSandbox(root);
    const step = await actionsStep({ github, token: TOKEN, eventName: 'push', payload: pushEvent(HEAD_1), sha: HEAD_1, ref: 'refs/heads/main', runId: 108, env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: sandbox.url } });
    delete step.env['GITHUB_ACTIONS'];
    expect((await runStep(root, step, 'plan')).code).toBe(0);
    expect((await runStep(root, step, 'apply', '--doit')).code).toBe(0);
    expect(github.requests).toEqual([]);
    expect(await step.summary()).toBe('');
  });
});
