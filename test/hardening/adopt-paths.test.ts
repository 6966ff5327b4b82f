/**
 * Found while hardening (#17, "nothing is read from outside the repo" — nor written): `drift
 * --adopt` names the schedule files it writes after the live document's schedule ref, which an
 * account can set to anything. A ref that is no schedule name must not place a file outside the
 * config tree.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from '../drift/dashboard.js';

const FR = '+33176360000';
let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('drift --adopt and live names', () => {
  it('a live schedule ref that climbs out of the repo writes nothing outside it', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const name = `escaped-${randomUUID()}`;
    await new Dashboard(server).editFlow(FR, (doc) => {
      doc.steps.hours.schedule.ref = `../../../${name}`;
      doc.steps.hours.schedule.special_days.push({ date: '2027-01-02', name: 'Inventaire', hours: [] });
      return doc;
    });
    // Were it to escape, clean up after the failure: the file lands next to the temporary repo.
    onTestFinished(() => rm(join(dirname(root), `${name}.yaml`), { force: true }));
    const adopt = await callflow(root, server, 'drift', '--adopt');
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain(`the live schedule of +33176360000 is named "../../../${name}", which is no schedule name: its hours were written as "schedule-33176360000"`);
    for (let dir = root, up = 0; up < 4; dir = dirname(dir), up += 1) expect(await readdir(dir)).not.toContain(`${name}.yaml`);
    expect(await stat(join(root, 'config/schedules/schedule-33176360000.yaml'))).toBeTruthy();
  });

  it('callflow export writes nothing outside --out either', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const name = `escaped-${randomUUID()}`;
    await new Dashboard(server).editFlow(FR, (doc) => {
      doc.steps.hours.schedule.ref = `../../${name}`;
      return doc;
    });
    const out = await mkdtemp(join(tmpdir(), 'callflow-export-'));
    onTestFinished(() => rm(join(dirname(out), `${name}.yaml`), { force: true }));
    const exported = await callflow(root, server, 'export', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout + exported.stderr).toContain(`schedule "../../${name}" is no schedule name: it was written as "live-schedule"`);
    for (let dir = out, up = 0; up < 3; dir = dirname(dir), up += 1) expect(await readdir(dir)).not.toContain(`${name}.yaml`);
    expect(await stat(join(out, 'config/schedules/live-schedule.yaml'))).toBeTruthy();
  });
});
