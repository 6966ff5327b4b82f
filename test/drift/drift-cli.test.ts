import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCause } from '../../src/drift/describe-cause.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from './dashboard.js';

const FR = '+33176360000';
const UK = '+442071838750';

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function appliedExample(): Promise<{ root: string; server: RunningSandbox; dashboard: Dashboard }> {
  const root = await copyExampleRepo();
  server = await startSeededSandbox(root);
  const applied = await callflow(root, server, 'apply', '--doit');
  expect(applied.code).toBe(0);
  return { root, server, dashboard: new Dashboard(server) };
}

describe('callflow drift', () => {
  it('judges who changed a number from this account\'s history only, not another account applied from the same checkout', async () => {
    const { root, server: first } = await appliedExample();
    // The same checkout, an edited greeting, applied to a second account.
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('press 2.', 'press 2. Thank you.'));
    const second = await startSeededSandbox(root);
    try {
      expect((await callflow(root, second, 'apply', '--doit')).code).toBe(0);
    } finally {
      await second.close();
    }
    // The first account still has what callflow wrote to it: Git changed, nobody edited it outside.
    const drift = await callflow(root, first, 'drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('live is what callflow last wrote');
    expect(drift.stdout).not.toContain('edited outside callflow');
  });

  it('shows two texts to speak whole when they differ, so a change at the end of a long one is seen', async () => {
    const { root, server } = await appliedExample();
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (text) => text.replace('To leave a message, press 2." }', 'To leave a message, press 2. For billing, press 3." }'));
    const drift = await callflow(root, server, 'drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      'urgent.prompt: live tts "For an urgent outage, press 1. To leave a message, press 2." (en-GB) · Git tts "For an urgent outage, press 1. To leave a message, press 2. For billing, press 3." (en-GB)',
    );
  });

  it('is in sync right after apply (exit 0), and a dashboard edit is drift (exit 2) naming the number, the change and who made it', async () => {
    const { root, server, dashboard } = await appliedExample();
    const clean = await callflow(root, server, 'drift');
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('In sync: all 3 numbers match Git');

    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = 'Acme is closed for the weekend.';
      return doc;
    });
    const drift = await callflow(root, server, 'drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(`~ ${UK} After-hours UK (config/numbers/after-hours-uk.yaml)`);
    expect(drift.stdout).toContain('edited outside callflow: flow v2 published by alice (dashboard) at ');
    expect(drift.stdout).toContain(`greeting.message: live tts "Acme is closed for the weekend." (en-GB) · Git tts "You have reached Acme's out-of-hours line." (en-GB)`);
    expect(drift.stdout).toContain(`in sync: +12125550142, ${FR}`);
    expect(drift.stdout).toMatch(/Drift: 1 of 3 numbers differs from Git \(1 edited outside callflow\); 2 in sync/);

    const json = JSON.parse((await callflow(root, server, 'drift', '--format', 'json')).stdout);
    expect(json).toMatchObject({ format: 'callflow-drift', inSync: false, summary: { compared: 3, inSync: 2, drifted: 1, outsideEdits: 1 } });
    expect(json.numbers[0]).toMatchObject({
      number: UK,
      status: 'drifted',
      cause: { kind: 'outside-edit', version: 2, by: 'alice (dashboard)' },
      differences: [{ kind: 'message-changed', where: 'greeting.message' }],
    });
    expect(Date.parse(json.numbers[0].cause.at)).not.toBeNaN();

    const markdown = await callflow(root, server, 'drift', '--format', 'markdown');
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain(`| \`${UK}\` | After-hours UK | 1 | edited outside callflow: flow v2 published by alice (dashboard) at `);
    expect(markdown.stdout).toContain('| greeting.message | tts "Acme is closed for the weekend." (en-GB) |');
  });

  it('a rename in the dashboard (no flow version, no author) is drift, dated from what the journal says callflow wrote', async () => {
    const { root, server, dashboard } = await appliedExample();
    await dashboard.rename(FR, 'Support FR (weekend)');
    const drift = await callflow(root, server, 'drift', '--format', 'json');
    expect(drift.code).toBe(2);
    const [number] = JSON.parse(drift.stdout).numbers;
    expect(number).toMatchObject({ number: FR, differences: [{ kind: 'setting', where: 'name', live: '"Support FR (weekend)"', git: '"Support France"' }] });
    expect(number.cause.kind).toBe('outside-edit');
    expect(number.cause.lastWrite.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(number.cause.version).toBeUndefined();
  });

  it('what the platform may normalise is not drift: key order, JSON layout, runs of spaces in TTS, the same audio under another path', async () => {
    const { root, server, dashboard } = await appliedExample();
    await dashboard.editFlow(UK, (doc) => {
      const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
      doc.steps.greeting.message.tts = "  You have reached   Acme's\nout-of-hours line. ";
      doc.steps = reversed(doc.steps);
      doc.steps.urgent = reversed(doc.steps.urgent);
      return JSON.stringify(reversed(doc), null, 7);
    });
    await dashboard.editFlow(FR, (doc) => {
      doc.steps.welcome.message.audio.path = 'audio/fr/accueil.mp3';
      return doc;
    });
    const drift = await callflow(root, server, 'drift');
    expect(drift.stdout).toContain('In sync: all 3 numbers match Git');
    expect(drift.code).toBe(0);
  });

  it('compares audio by content: other bytes under the same path are drift, named by their sha256', async () => {
    const { root, server, dashboard } = await appliedExample();
    const other = await readFile(join(root, 'audio/en/welcome.mp3'));
    const sha256 = createHash('sha256').update(other).digest('hex');
    await dashboard.upload(other, sha256);
    await dashboard.editFlow(FR, (doc) => {
      doc.steps.welcome.message.audio.sha256 = sha256;
      return doc;
    });
    const drift = await callflow(root, server, 'drift');
    expect(drift.code).toBe(2);
    const own = createHash('sha256').update(await readFile(join(root, 'audio/fr/welcome.mp3'))).digest('hex');
    expect(drift.stdout).toContain(`welcome.message: live file audio/fr/welcome.mp3 #${sha256.slice(0, 8)} · Git file audio/fr/welcome.mp3 #${own.slice(0, 8)}`);
  });

  it('a config change not yet applied is drift that callflow wrote live (the version author says so, even without a journal)', async () => {
    const { root, server } = await appliedExample();
    await rm(join(root, '.callflow', 'journal.jsonl'));
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('To leave a message', 'To leave us a message'));
    const drift = await callflow(root, server, 'drift', '--format', 'json');
    expect(drift.code).toBe(2);
    const [number] = JSON.parse(drift.stdout).numbers;
    expect(number.cause).toMatchObject({ kind: 'not-applied', source: 'author', version: 1 });
    expect(number.cause.by).toMatch(/^callflow \(/);
  });

  it('a number in config but not in the account says so and what to do, not that nobody knows who changed it', async () => {
    const { root, server } = await appliedExample();
    const uk = await readFile(join(root, 'config/numbers/after-hours-uk.yaml'), 'utf8');
    await writeFile(join(root, 'config/numbers/extra.yaml'), uk.replace(UK, '+442071838751').replace('After-hours UK', 'Extra UK'));
    const drift = await callflow(root, server, 'drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('~ +442071838751 Extra UK (config/numbers/extra.yaml)\n    not in the account: in the sandbox, provision it as if bought: restart `callflow sandbox --seed-config ROOT`');
    expect(drift.stdout).not.toContain('who changed it is not known');
    expect(drift.stdout).toMatch(/Drift: 1 of 4 numbers differs from Git \(1 not in the account\); 3 in sync/);
    const [number] = JSON.parse((await callflow(root, server, 'drift', '--format', 'json')).stdout).numbers;
    expect(number).toMatchObject({ number: '+442071838751', status: 'not-in-account', cause: { kind: 'not-in-account' } });
    // A provider with no better way than buying it (Aircall).
    expect(describeCause({ kind: 'not-in-account' })).toBe('not in the account: numbers are bought, not created: buy it in the provider account (or check callflow is connected to the account you meant), or correct `number:`');
  });

  it('exit 1 with one line when the config is invalid or the account cannot be reached', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const url = server.url;
    await server.close();
    server = undefined;
    const unreachable = await callflow(root, { url } as RunningSandbox, 'drift');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^callflow drift: /);

    server = await startSeededSandbox(root);
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('start: greeting', 'start: nowhere'));
    const invalid = await callflow(root, server, 'drift');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('nothing was read from or written to the account');
  });
});
