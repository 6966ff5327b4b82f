/**
 * Issue #17, item 4: a draft left by a killed apply (written, never published) stayed above
 * the published version forever and plan said nothing. Plan names it; apply publishes a new
 * version over it, so no draft is left above what callers get.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, clientFor, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';

const UK = '+442071838750';
let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function flowOf(root: string, s: RunningSandbox, number: string) {
  const provider = await clientFor(root, s);
  try {
    const id = (await provider.listNumbers()).find((n) => n.number === number)!.id;
    return { id, flow: (await provider.readNumber(id)).flow!, provider };
  } finally {
    await provider.close();
  }
}

describe('orphan drafts', () => {
  it('plan names a draft left above the published version, and apply supersedes it', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);

    // What an apply killed between writing the draft and publishing it leaves behind.
    const provider = await clientFor(root, server);
    const { id, flow } = await flowOf(root, server, UK);
    const halfDone = { ...flow.published!.document, start: 'voicemail' };
    await provider.flows!.writeDraft(id, halfDone, flow.latestVersion);
    await provider.close();

    const plan = await callflow(root, server, 'plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`~ ${UK}`);
    expect(plan.stdout).toMatch(/unpublished draft v2 .*left above the published v1; apply publishes a new version over it/);
    const json = JSON.parse((await callflow(root, server, 'plan', '--format', 'json')).stdout);
    const uk = json.numbers.find((n: { number: string }) => n.number === UK);
    expect(uk.action).toBe('update');
    expect(uk.changes).toContainEqual(expect.objectContaining({ kind: 'draft-superseded', version: 2, published: 1 }));

    const applied = await callflow(root, server, 'apply', '--doit');
    expect(applied.code).toBe(0);
    const after = await flowOf(root, server, UK);
    expect(after.flow.published!.version).toBe(3);
    expect(after.flow.draft).toBeNull();
    // What callers get is the repo's flow, not the half-done draft.
    expect(after.flow.published!.document).toEqual(flow.published!.document);
    expect((await callflow(root, server, 'plan', '--detailed-exitcode')).code).toBe(0);
  });
});
