import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitOnBranch } from '../../src/github/branch-commit.js';
import { GitHubError } from '../../src/github/errors.js';
import { closeLabelledIssue, openOrUpdateLabelledIssue } from '../../src/github/labelled-issue.js';
import { createOctokitPort } from '../../src/github/octokit-port.js';
import type { GitHubPort } from '../../src/github/port.js';
import { upsertStickyComment } from '../../src/github/sticky-comment.js';
import { createLogger, silentLogger } from '../../src/logging.js';
import { FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghs_portTestToken0123456789';
let github: FakeGitHub;

/** A loopback port nothing listens on: bound, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
let port: GitHubPort;

beforeEach(async () => {
  github = await FakeGitHub.start({ owner: 'Codertocat', repo: 'Hello-World', token: TOKEN });
  port = createOctokitPort({ baseUrl: github.url, token: TOKEN, repo: { owner: 'Codertocat', repo: 'Hello-World' }, logger: silentLogger() });
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

describe('the octokit port against a fake GitHub checked by the OpenAPI description', () => {
  it('a sticky comment is created once, then edited in place, found among other comments', async () => {
    await port.createComment(2, 'LGTM');
    const first = await upsertStickyComment(port, 2, '<!-- mark -->', '<!-- mark -->\nfirst');
    const second = await upsertStickyComment(port, 2, '<!-- mark -->', '<!-- mark -->\nsecond');
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.comment.id).toBe(first.comment.id);
    expect(github.commentsOn(2).map((c) => c.body)).toEqual(['LGTM', '<!-- mark -->\nsecond']);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('finds its comment past the first page of a long conversation', async () => {
    for (let i = 0; i < 120; i += 1) github.comments.push({ id: i + 1, issueNumber: 7, body: `comment ${i}`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    github.comments.push({ id: 500, issueNumber: 7, body: '<!-- mark -->\nold', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    const result = await upsertStickyComment(port, 7, '<!-- mark -->', '<!-- mark -->\nnew');
    expect(result).toMatchObject({ created: false, comment: { id: 500 } });
    expect(github.requests.filter((r) => r.operationId === 'issues/list-comments')).toHaveLength(2);
  });

  it('a labelled issue is opened once, updated while it lasts, closed with a comment', async () => {
    const key = { label: 'callflow-drift', marker: '<!-- callflow-drift -->' };
    // Another issue with the same label but not ours is left alone.
    github.issues.push({ number: 40, title: 'someone else', body: 'hand-written', state: 'open', labels: ['callflow-drift'] });
    const opened = await openOrUpdateLabelledIssue(port, key, { title: 'Drift: 1 number', body: 'first' });
    const updated = await openOrUpdateLabelledIssue(port, key, { title: 'Drift: 2 numbers', body: 'second' });
    expect(opened.action).toBe('opened');
    expect(updated).toMatchObject({ action: 'updated', issue: { title: 'Drift: 2 numbers' } });
    const ours = github.issues.filter((i) => i.body.includes(key.marker));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ labels: ['callflow-drift'], state: 'open' });

    const closed = await closeLabelledIssue(port, key, 'Live matches main again.');
    expect(closed.action).toBe('closed');
    expect(ours[0]!.state).toBe('closed');
    expect(github.commentsOn(ours[0]!.number).map((c) => c.body)).toEqual(['Live matches main again.']);
    expect(github.issues.find((i) => i.number === 40)!.state).toBe('open');
    expect(await closeLabelledIssue(port, key, 'again')).toEqual({ action: 'none' });
  });

  it('records a deployment of a commit with its statuses', async () => {
    const { id } = await port.createDeployment({ ref: 'a'.repeat(40), environment: 'callflow-live', description: 'callflow apply', payload: { plan: 'abc' } });
    await port.setDeploymentStatus(id, { state: 'in_progress', logUrl: 'https://github.com/o/r/actions/runs/1', description: 'applying' });
    await port.setDeploymentStatus(id, { state: 'success', logUrl: 'https://github.com/o/r/actions/runs/1', description: 'x'.repeat(200) });
    expect(github.deployments).toEqual([
      expect.objectContaining({
        ref: 'a'.repeat(40),
        environment: 'callflow-live',
        statuses: [expect.objectContaining({ state: 'in_progress' }), expect.objectContaining({ state: 'success' })],
      }),
    ]);
    // GitHub keeps 140 characters of a status description.
    expect(github.deployments[0]!.statuses[1]!.description).toHaveLength(140);
  });

  it('finds the merged pull request of a commit', async () => {
    github.addPullRequest({ number: 2, title: 'Update the menu', headSha: 'b'.repeat(40), mergeCommitSha: 'c'.repeat(40), mergedAt: '2026-06-01T09:00:00Z' });
    expect(await port.pullRequestsOfCommit('c'.repeat(40))).toEqual([
      { number: 2, title: 'Update the menu', state: 'closed', mergedAt: '2026-06-01T09:00:00Z', mergeCommitSha: 'c'.repeat(40), htmlUrl: 'https://github.com/Codertocat/Hello-World/pull/2' },
    ]);
    expect(await port.pullRequestsOfCommit('d'.repeat(40))).toEqual([]);
  });

  it('commits files on a branch of its own: created, left as it is for the same content, moved (no fast-forward needed) for new content', async () => {
    const mp3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0x00]);
    const base = github.seedCommit({ 'config/a.yaml': 'a: 1\n', 'audio/old.mp3': mp3 });
    const files = [
      { path: 'config/a.yaml', content: 'a: 2 # été\n' },
      { path: 'audio/adopted/new.mp3', content: new Uint8Array([0xff, 0xf3, 0x00, 0x80]) },
    ];
    const first = await commitOnBranch(port, { branch: 'callflow/adopt-drift', base, message: 'adopt', files });
    expect(first.kind).toBe('created');
    const onBranch = github.filesOn('callflow/adopt-drift')!;
    expect(onBranch.get('config/a.yaml')!.toString('utf8')).toBe('a: 2 # été\n');
    expect([...onBranch.get('audio/adopted/new.mp3')!]).toEqual([0xff, 0xf3, 0x00, 0x80]);
    expect(onBranch.get('audio/old.mp3')).toEqual(mp3);
    // Text goes inline in the tree: one blob, for the bytes.
    expect(github.requests.filter((r) => r.operationId === 'git/create-blob')).toHaveLength(1);

    const again = await commitOnBranch(port, { branch: 'callflow/adopt-drift', base, message: 'adopt', files });
    expect(again).toEqual({ kind: 'unchanged', sha: first.kind === 'created' ? first.sha : '' });

    const moved = await commitOnBranch(port, { branch: 'callflow/adopt-drift', base, message: 'adopt again', files: [{ path: 'config/a.yaml', content: 'a: 3\n' }] });
    expect(moved.kind).toBe('moved');
    expect(github.filesOn('callflow/adopt-drift')!.get('config/a.yaml')!.toString()).toBe('a: 3\n');
    expect(github.git.commits.get(github.git.refs.get('heads/callflow/adopt-drift')!)!.parents).toEqual([base]);
    expect(github.filesOn('main')!.get('config/a.yaml')!.toString()).toBe('a: 1\n');

    expect(await commitOnBranch(port, { branch: 'callflow/adopt-drift', base, message: 'x', files: [{ path: 'config/a.yaml', content: 'a: 1\n' }] })).toEqual({ kind: 'same-as-base' });
  });

  it('a pull request from a branch is opened, found by its branch, updated and closed; GitHub refuses a second open one', async () => {
    const base = github.seedCommit({ 'README.md': 'hello\n' });
    const branch = await commitOnBranch(port, { branch: 'callflow/adopt-drift', base, message: 'adopt', files: [{ path: 'README.md', content: 'hello live\n' }] });
    expect(branch.kind).toBe('created');
    const pr = await port.createPullRequest({ title: 'Adopt', body: 'first', head: 'callflow/adopt-drift', base: 'main' });
    expect(pr).toMatchObject({ title: 'Adopt', state: 'open', htmlUrl: `https://github.com/Codertocat/Hello-World/pull/${pr.number}` });
    expect((await port.pullRequestsFrom('callflow/adopt-drift', 'open')).map((p) => p.number)).toEqual([pr.number]);
    expect(await port.pullRequestsFrom('someone-else', 'open')).toEqual([]);
    await expect(port.createPullRequest({ title: 'Again', body: '', head: 'callflow/adopt-drift', base: 'main' })).rejects.toThrow(/HTTP 422/);

    expect(await port.updatePullRequest(pr.number, { title: 'Adopt 2', body: 'second', base: 'main' })).toMatchObject({ title: 'Adopt 2', state: 'open' });
    expect(await port.updatePullRequest(pr.number, { state: 'closed' })).toMatchObject({ state: 'closed' });
    expect(await port.pullRequestsFrom('callflow/adopt-drift', 'open')).toEqual([]);
    expect(await port.branchHead('no-such-branch')).toBeUndefined();
  });

  it('a refusal is a GitHubError naming the call, the status and what to check, never the token', async () => {
    github.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
    const error = await port.createComment(2, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(403);
    expect((error as Error).message).toMatch(/^GitHub refused to comment on #2: HTTP 403 Resource not accessible by integration.*permissions/);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('an API that refuses connections fails at once, in one line naming its origin, without pretending to be a 500 or logging one', async () => {
    const closed = await closedPort();
    const lines: string[] = [];
    const logger = createLogger({ env: {}, destination: { write: (line: string) => lines.push(line) } });
    const unreachable = createOctokitPort({ baseUrl: `http://127.0.0.1:${closed}/api/v3`, token: TOKEN, repo: { owner: 'Codertocat', repo: 'Hello-World' }, logger });
    const started = Date.now();
    const error = await unreachable.listComments(2).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(900); // the first retry would wait 1 s
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBeUndefined();
    expect((error as Error).message).toBe(`GitHub could not be reached at http://127.0.0.1:${closed} (connection refused) to list the comments of #2`);
    expect(lines).toEqual([]);
  });

  it('a connection dropped without an answer is retried, as a passing glitch may be', async () => {
    let connections = 0;
    const dropping = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const { port: dropPort } = dropping.address() as { port: number };
      const retrying = createOctokitPort({ baseUrl: `http://127.0.0.1:${dropPort}`, token: TOKEN, repo: { owner: 'Codertocat', repo: 'Hello-World' }, logger: silentLogger(), retryBaseMs: 1 });
      const error = await retrying.listComments(2).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubError);
      expect((error as Error).message).toMatch(new RegExp(`^GitHub could not be reached at http://127\\.0\\.0\\.1:${dropPort} to list the comments of #2`));
      expect((error as Error).message).not.toContain(TOKEN);
      expect(connections).toBeGreaterThan(1);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });

  it('a server error is still retried', async () => {
    const retrying = createOctokitPort({ baseUrl: github.url, token: TOKEN, repo: { owner: 'Codertocat', repo: 'Hello-World' }, logger: silentLogger(), retryBaseMs: 1 });
    github.failNext('issues/create-comment', 502, 'Bad Gateway');
    expect(await retrying.createComment(2, 'hello')).toMatchObject({ body: 'hello' });
    expect(github.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(2);
  });

  it('a wrong token is refused with a hint about GITHUB_TOKEN', async () => {
    const wrong = createOctokitPort({ baseUrl: github.url, token: 'ghs_wrong', repo: { owner: 'Codertocat', repo: 'Hello-World' }, logger: silentLogger() });
    await expect(wrong.listComments(2)).rejects.toThrow(/HTTP 401 Bad credentials.*GITHUB_TOKEN/);
  });
});
