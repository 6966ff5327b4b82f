import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from './dashboard.js';

const FR = '+33176360000';
const UK = '+442071838750';
const US = '+12125550142';

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('plan names numbers edited outside callflow since it last wrote them', () => {
  it('says whose dashboard edit a change would overwrite, in text, Markdown and JSON; numbers callflow wrote last are not flagged', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const dashboard = new Dashboard(server);
    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = 'Acme is closed for the weekend.';
      return doc;
    });
    await dashboard.rename(US, 'Sales (night)');
    // The PR changes UK and FR; the plan also reverts US's dashboard rename, so US is flagged too.
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('To leave a message', 'To leave us a message'));
    await editFile(join(root, 'config/numbers/support-fr.yaml'), (t) => t.replace('timeout_seconds: 3', 'timeout_seconds: 5'));

    const text = await callflow(root, server, 'plan');
    expect(text.code).toBe(0);
    const ukBlock = text.stdout.slice(text.stdout.indexOf(`~ ${UK}`));
    expect(ukBlock.split('\n')[1]).toMatch(/^ {4}! edited outside callflow: flow v2 published by alice \(dashboard\) at \S+; .*applying overwrites that edit$/);
    const frBlock = text.stdout.slice(text.stdout.indexOf(`~ ${FR}`)).split('\n\n')[0]!;
    expect(frBlock).not.toContain('edited outside callflow');
    expect(text.stdout).toContain(`edited outside callflow since callflow last wrote them (this plan overwrites those edits): ${US} (Sales US), ${UK} (After-hours UK)`);
    expect(text.stdout).toMatch(/Plan: 0 flows to create, 3 numbers to update, 0 unchanged; 2 edited outside callflow\./);

    const markdown = await callflow(root, server, 'plan', '--format', 'markdown');
    expect(markdown.stdout).toContain('> [!WARNING]\n> **Edited outside callflow** since callflow last wrote them: merging this plan overwrites those edits.');
    expect(markdown.stdout).toContain(`> - \`${UK}\` After-hours UK: flow v2 published by alice (dashboard) at `);
    expect(markdown.stdout).toMatch(new RegExp(`> - \`\\${US}\` Sales US: changed since callflow last wrote it at \\S+ \\(`));

    const json = JSON.parse((await callflow(root, server, 'plan', '--format', 'json')).stdout);
    const byNumber = Object.fromEntries(json.numbers.map((n: { number: string }) => [n.number, n]));
    expect(byNumber[UK].outsideEdit).toMatchObject({ version: 2, by: 'alice (dashboard)' });
    expect(byNumber[US].outsideEdit.lastWrite.who).toBeTruthy();
    expect(byNumber[FR].outsideEdit).toBeUndefined();

    // Once callflow has written them again, the next change is callflow's own: nothing to flag.
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('To leave us a message', 'To leave a message'));
    const after = await callflow(root, server, 'plan', '--format', 'json');
    expect(JSON.parse(after.stdout).numbers.filter((n: { outsideEdit?: unknown }) => n.outsideEdit)).toEqual([]);
    expect((await callflow(root, server, 'drift')).code).toBe(2);
  });
});
