/**
 * The store's files as a crash or an older callflow leaves them: a store written before the
 * change log existed, a half-written last line, damage, temp files of dead writers, and a crash
 * in the middle of a compaction. Every acknowledged change must come back, and nothing twice.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFile, copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/sandbox/account.js';
import { seedStore } from '../../src/sandbox/seed.js';
import { SandboxStore, StoreCorruptError } from '../../src/sandbox/store.js';
import { removeTempDirs, SEED, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** Appends `count` flow versions to the first number, as drafts would. */
async function writeVersions(store: SandboxStore, count: number, text = 'x'): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await store.mutate((account) => {
      const number = account.number(String(account.before.numbers[0]!.id))!;
      number.flow.versions.push({ version: number.flow.versions.length + 1, document: { step: i, text }, created_at: '2026-01-01T00:00:00.000Z' });
    });
  }
}

/** What a reader can see of an account, as plain data. */
const contents = (account: AccountView) => JSON.parse(JSON.stringify({ next_id: account.next_id, seeded_at: account.seeded_at, lock: account.lock, numbers: account.numbers, users: account.users, teams: account.teams })) as unknown;

async function seeded(options: { compactAtBytes?: number } = {}): Promise<{ dir: string; store: SandboxStore }> {
  const dir = await tempDir();
  const store = await SandboxStore.open(dir, options);
  await seedStore(store, SEED, new Date('2026-01-01T00:00:00Z'));
  return { dir, store };
}

describe('sandbox store files', () => {
  it('opens a store written before the change log existed, with its data, and migrates it', async () => {
    const dir = await tempDir();
    const number = {
      id: 1001, digits: '+33176360000', name: 'Support', country: 'FR', time_zone: 'Europe/Paris', created_at: '2025-01-01T00:00:00.000Z',
      messages: { welcome: null, waiting: null, ringing_tone: null, ivr: null, voicemail: null, closed: null, callback_later: null, unanswered_call: null, after_hours: null },
      flow: { versions: [{ version: 1, document: { start: 'a' }, created_at: '2025-01-02T00:00:00.000Z' }], published: 1 },
    };
    const old = { format: 1, next_id: 1002, seeded_at: '2025-01-01T00:00:00.000Z', numbers: [number], users: [], teams: [], lock: null };
    await writeFile(join(dir, 'state.json'), JSON.stringify(old));

    const store = await SandboxStore.open(dir);
    expect(contents(await store.read())).toEqual({ next_id: 1002, seeded_at: old.seeded_at, lock: null, numbers: [number], users: [], teams: [] });
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toMatchObject({ format: 2, seq: 0 });
    await writeVersions(store, 1);
    expect((await (await SandboxStore.open(dir)).read()).numbers[0]!.flow.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('cuts a half-written last line (a writer killed mid-append) and keeps every complete one', async () => {
    const { dir, store } = await seeded();
    await writeVersions(store, 3);
    const log = join(dir, 'state.log');
    const { size } = await stat(log);
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    await appendFile(log, lines.at(-1)!.slice(0, 40));

    const reopened = await SandboxStore.open(dir);
    expect(contents(await reopened.read())).toEqual(contents(await store.read()));
    expect((await stat(log)).size).toBe(size);
    await writeVersions(reopened, 1);
    expect((await (await SandboxStore.open(dir)).read()).numbers[0]!.flow.versions).toHaveLength(4);
  });

  it('refuses a log damaged before its last line instead of dropping what follows', async () => {
    const { dir, store } = await seeded();
    await writeVersions(store, 3);
    const log = join(dir, 'state.log');
    const lines = (await readFile(log, 'utf8')).split('\n');
    const damaged = lines.findIndex((line) => line.includes('"step":1'));
    expect(damaged).toBeLessThan(lines.length - 2);
    lines[damaged] = lines[damaged]!.replace('"step":1', '"step":7');
    await writeFile(log, lines.join('\n'));
    await expect(SandboxStore.open(dir)).rejects.toThrow(StoreCorruptError);
  });

  it('removes temp files left by writers that died, and keeps those of a writer still running', async () => {
    const { dir } = await seeded();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const deadTemps = [`state.json.${dead}.${randomUUID()}.tmp`, join('assets', `${'a'.repeat(64)}.${dead}.${randomUUID()}.tmp`)];
    const liveTemp = `state.json.${process.pid}.${randomUUID()}.tmp`;
    for (const name of [...deadTemps, liveTemp]) await writeFile(join(dir, name), 'partial');

    await SandboxStore.open(dir);
    const left = [...(await readdir(dir)), ...(await readdir(join(dir, 'assets')))].filter((name) => name.endsWith('.tmp'));
    expect(left).toEqual([liveTemp]);
  });

  it('compacts the log into the snapshot as it grows, and a reopened store reads the same account', async () => {
    const { dir, store } = await seeded({ compactAtBytes: 4096 });
    await writeVersions(store, 200, 'y'.repeat(200));
    const snapshot = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { seq: number };
    expect(snapshot.seq).toBeGreaterThan(100);
    // The log holds only what came after the last compaction.
    expect((await readFile(join(dir, 'state.log'), 'utf8')).trimEnd().split('\n').length).toBeLessThan(100);
    const reopened = await SandboxStore.open(dir);
    expect(contents(await reopened.read())).toEqual(contents(await store.read()));
    expect((await reopened.read()).numbers[0]!.flow.versions.map((v) => v.version)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('replays nothing twice after a crash between writing the new snapshot and the new log', async () => {
    const { dir, store } = await seeded();
    await writeVersions(store, 40, 'z'.repeat(300));
    const log = join(dir, 'state.log');
    await copyFile(log, join(dir, 'saved.log'));
    // Opening with a low threshold compacts: snapshot at the last change, then a fresh log.
    await SandboxStore.open(dir, { compactAtBytes: 1024 });
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toMatchObject({ seq: 41 });
    // The crash: the new snapshot is in place, the old log was never replaced.
    await copyFile(join(dir, 'saved.log'), log);
    const reopened = await SandboxStore.open(dir);
    expect(contents(await reopened.read())).toEqual(contents(await store.read()));
    await writeVersions(reopened, 1);
    const versions = (await (await SandboxStore.open(dir)).read()).numbers[0]!.flow.versions.map((v) => v.version);
    expect(versions).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('takes new writes after a snapshot that is ahead of its log, without a gap', async () => {
    const { dir, store } = await seeded();
    await writeVersions(store, 5);
    const log = join(dir, 'state.log');
    const short = (await readFile(log, 'utf8')).trimEnd().split('\n').slice(0, -2).join('\n') + '\n';
    await SandboxStore.open(dir, { compactAtBytes: 1 });
    await writeFile(log, `${short}`);
    const reopened = await SandboxStore.open(dir);
    await writeVersions(reopened, 1);
    const versions = (await (await SandboxStore.open(dir)).read()).numbers[0]!.flow.versions.map((v) => v.version);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
