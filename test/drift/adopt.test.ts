import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from './dashboard.js';

const FR = '+33176360000';
const UK = '+442071838750';
const NEW_AUDIO = join(import.meta.dirname, '..', 'fixtures', 'audio', 'mono.mp3');

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('callflow drift --adopt', () => {
  it('writes the live version into the config files (keeping comments, tests and unchanged steps); then drift is in sync and plan has nothing to do', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const dashboard = new Dashboard(server);
    const ukBefore = await readFile(join(root, 'config/numbers/after-hours-uk.yaml'), 'utf8');

    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = "You have reached Acme's out-of-hours line. Calls may be recorded.";
      doc.steps.urgent.timeout_seconds = 6;
      return doc;
    });
    const bytes = await readFile(NEW_AUDIO);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await dashboard.upload(bytes, sha256);
    await dashboard.editFlow(FR, (doc) => {
      doc.steps.welcome.message.audio = { path: 'uploads/Accueil été #2.mp3', sha256 };
      doc.steps.hours.schedule.special_days.push({ date: '2027-01-02', name: 'Inventaire', hours: [] });
      return doc;
    });
    await dashboard.rename(FR, 'Support France (été)');
    expect((await callflow(root, server, 'drift')).code).toBe(2);

    const adopt = await callflow(root, server, 'drift', '--adopt');
    expect(adopt.stderr).toBe('');
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain(`adopted ${UK} → config/numbers/after-hours-uk.yaml`);
    expect(adopt.stdout).toContain(`adopted ${FR} → config/numbers/support-fr.yaml`);
    expect(adopt.stdout).toContain('wrote config/schedules/business-hours-fr.yaml');

    const uk = await readFile(join(root, 'config/numbers/after-hours-uk.yaml'), 'utf8');
    expect(uk.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/number.schema.json');
    expect(uk).toContain(`message: { tts: "You have reached Acme's out-of-hours line. Calls may be recorded." }`);
    expect(uk).toContain('timeout_seconds: 6');
    // Untouched steps and the flow tests are kept as the team wrote them.
    const unchanged = (text: string) => text.slice(text.indexOf('    on-call:'));
    expect(unchanged(uk)).toBe(unchanged(ukBefore));

    const fr = await readFile(join(root, 'config/numbers/support-fr.yaml'), 'utf8');
    expect(fr).toContain('name: Support France (été)');
    const adoptedPath = `audio/adopted/${sha256.slice(0, 16)}.mp3`;
    expect(fr).toContain(`message: { file: ${adoptedPath} }`);
    expect(await readFile(join(root, adoptedPath))).toEqual(bytes);
    expect(fr).toContain('name: fermé le jour de Noël');
    expect(await readFile(join(root, 'config/schedules/business-hours-fr.yaml'), 'utf8')).toContain('name: Inventaire');

    const validate = await callflow(root, server, 'validate');
    expect(validate.code).toBe(0);
    expect((await callflow(root, server, 'drift')).code).toBe(0);
    const plan = await callflow(root, server, 'plan', '--detailed-exitcode');
    expect(plan.stdout).toContain('Plan: 0 flows to create, 0 numbers to update, 3 unchanged.');
    expect(plan.code).toBe(0);
  });

  it('says so and keeps exit 2 when a drifted number cannot be adopted (live still has the platform default flow)', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const adopt = await callflow(root, server, 'drift', '--adopt');
    expect(adopt.code).toBe(2);
    expect(adopt.stdout).toContain(`not adopted ${FR}: live has the platform's default flow: nothing to adopt (apply Git's version instead)`);
    expect((await callflow(root, server, 'plan', '--detailed-exitcode')).code).toBe(2);
  });
});
