import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionsContext } from '../../src/github/context.js';
import { pullRequestEvent } from '../support/actions-run.js';

async function eventFile(payload: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'callflow-event-')), 'event.json');
  await writeFile(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

const base = (eventPath: string) => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_REPOSITORY: 'Codertocat/Hello-World',
  GITHUB_SHA: 'f'.repeat(40),
  GITHUB_REF: 'refs/pull/2/merge',
  GITHUB_RUN_ID: '77',
  GITHUB_TOKEN: 'ghs_secret',
});

describe('the Actions context', () => {
  it('reads the run and the pull request from the variables and a real event payload, and keeps no token', async () => {
    const result = await readActionsContext({ ...base(await eventFile(pullRequestEvent('opened', 'a'.repeat(40)))), GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_API_URL: 'https://ghe.example.com/api/v3', GITHUB_WORKSPACE: '/home/runner/work/Hello-World/Hello-World' });
    expect(result).toEqual({
      kind: 'actions',
      context: {
        eventName: 'pull_request',
        repo: { owner: 'Codertocat', repo: 'Hello-World' },
        sha: 'f'.repeat(40),
        ref: 'refs/pull/2/merge',
        apiUrl: 'https://ghe.example.com/api/v3',
        serverUrl: 'https://ghe.example.com',
        runId: '77',
        runUrl: 'https://ghe.example.com/Codertocat/Hello-World/actions/runs/77',
        stepSummaryPath: undefined,
        workspace: '/home/runner/work/Hello-World/Hello-World',
        pullRequest: { number: 2, headSha: 'a'.repeat(40), fromFork: false },
      },
    });
    expect(JSON.stringify(result)).not.toContain('ghs_secret');
  });

  it('outside Actions there is no context at all', async () => {
    expect(await readActionsContext({ ...base('/nowhere'), GITHUB_ACTIONS: undefined })).toEqual({ kind: 'outside' });
  });

  it('says what is wrong with unusable variables or event files, in one line', async () => {
    const { GITHUB_REPOSITORY: _repo, ...noRepo } = base('/nowhere');
    expect(await readActionsContext(noRepo)).toEqual({ kind: 'invalid', error: 'GITHUB_ACTIONS is "true" but GITHUB_REPOSITORY is not set' });
    expect(await readActionsContext(base('/nowhere/event.json'))).toEqual({ kind: 'invalid', error: 'cannot read the event file GITHUB_EVENT_PATH=/nowhere/event.json: ENOENT' });
    const notJson = await eventFile('{');
    expect(await readActionsContext(base(notJson))).toEqual({ kind: 'invalid', error: `the event file GITHUB_EVENT_PATH=${notJson} is not JSON` });
    expect(await readActionsContext(base(await eventFile({ action: 'opened' })))).toMatchObject({ kind: 'invalid', error: expect.stringContaining('has no pull request') });
  });
});
