import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../support/fake-github.js';

// The fake's checks are what make the other GitHub tests mean something: show they bite.
const TOKEN = 'ghs_fakeCheck';
let github: FakeGitHub;
beforeEach(async () => {
  github = await FakeGitHub.start({ owner: 'o', repo: 'r', token: TOKEN });
});
afterEach(() => github.close());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${github.url}${path}`, { method, headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('the fake GitHub holds requests to the OpenAPI description', () => {
  it('refuses a comment without its required body field, as GitHub would, and records why', async () => {
    const response = await call('POST', '/repos/o/r/issues/2/comments', { text: 'hi' });
    expect(response.status).toBe(422);
    expect(github.violations.join('\n')).toContain("issues/create-comment: request body must have required property 'body'");
    expect(github.comments).toEqual([]);
  });

  it('records a call to a path GitHub does not have, and a parameter of the wrong type', async () => {
    await call('GET', '/repos/o/r/comments-of-everything');
    await call('GET', '/repos/o/r/issues/2/comments?per_page=many');
    expect(github.violations).toEqual([
      'GET /repos/o/r/comments-of-everything: not an operation of GitHub\'s REST API',
      expect.stringMatching(/^issues\/list-comments: query parameter per_page=many: .*must be integer/),
    ]);
  });

  it('answers what GitHub documents: a created comment validates as an issue-comment', async () => {
    const response = await call('POST', '/repos/o/r/issues/2/comments', { body: 'hello' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ body: 'hello', html_url: expect.stringContaining('/pull/2#issuecomment-') });
    expect(github.violations).toEqual([]);
  });
});
