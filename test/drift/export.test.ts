import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';
import { generatedRepo } from './generated-account.js';

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function emptyDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'callflow-export-'));
}

describe('callflow export', () => {
  it('round trip on the example: export → validate has 0 problems → plan has no changes', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);

    const out = await emptyDir();
    const exported = await callflow(root, server, 'export', '--out', out);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported 3 numbers to .*: 2 schedules, 5 audio files\./);
    expect((await readdir(join(out, 'config/numbers'))).sort()).toEqual(['after-hours-uk.yaml', 'sales-us.yaml', 'support-france.yaml']);
    // The same bytes as the repo's own files, fetched from the account by content.
    expect(await readFile(join(out, 'audio/fr/welcome.mp3'))).toEqual(await readFile(join(root, 'audio/fr/welcome.mp3')));
    expect(await readFile(join(out, 'config/numbers/support-france.yaml'), 'utf8')).toContain('message: { file: audio/fr/welcome.mp3 }');

    const validate = await callflow(out, server, 'validate', '--format', 'json');
    expect(JSON.parse(validate.stdout)).toMatchObject({ problems: [] });
    expect(validate.code).toBe(0);
    const plan = await callflow(out, server, 'plan', '--detailed-exitcode');
    expect(plan.stdout).toContain('Plan: 0 flows to create, 0 numbers to update, 3 unchanged.');
    expect(plan.code).toBe(0);
    expect((await callflow(out, server, 'drift')).code).toBe(0);
  });

  it('--numbers exports only those; numbers with the platform default flow are skipped and said so; a taken directory is refused whole', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    // Nothing applied yet: every number still has the platform's default flow.
    const none = await callflow(root, server, 'export', '--out', await emptyDir());
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("- +33176360000 Support France: skipped, it still has the platform's default flow");

    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const out = await emptyDir();
    const one = await callflow(root, server, 'export', '--out', out, '--numbers', '+442071838750');
    expect(one.code).toBe(0);
    expect(await readdir(join(out, 'config/numbers'))).toEqual(['after-hours-uk.yaml']);

    const unknown = await callflow(root, server, 'export', '--out', out, '--numbers', '+441234567890');
    expect(unknown).toMatchObject({ code: 1, stderr: 'callflow export: not in the account: +441234567890\n' });

    await writeFile(join(out, 'config/numbers/after-hours-uk.yaml'), 'number: "+442071838750"\n');
    const taken = await callflow(root, server, 'export', '--out', out);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^callflow export: refused, nothing written: .* already has config\/numbers\/after-hours-uk.yaml;/);
    expect(await readdir(join(out, 'config/numbers'))).toEqual(['after-hours-uk.yaml']);
  });
});

describe('callflow export into a path that cannot hold a repo', () => {
  it('--out a file, or under a file: one line naming it, before the account is read', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const dir = await emptyDir();
    const file = join(dir, 'afile');
    await writeFile(file, 'x');
    for (const [out, why] of [
      [file, 'it is a file, not a directory'],
      [join(file, 'sub'), `${file} is a file, not a directory`],
    ] as const) {
      const run = await callflow(root, server, 'export', '--out', out);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: `callflow export: cannot write into ${out}: ${why}\n` });
    }
    expect(await readdir(dir)).toEqual(['afile']);
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('a file where the export needs a directory (config/numbers) is refused whole, nothing written', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const out = await emptyDir();
    await mkdir(join(out, 'config'));
    await writeFile(join(out, 'config/numbers'), 'x');
    const run = await callflow(root, server, 'export', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^callflow export: refused, nothing written: .* already has config\/numbers;[^\n]*\n$/);
    expect(await readdir(out, { recursive: true })).toEqual(['config', 'config/numbers']);
  });
});

describe('callflow export on a generated 200-number account', () => {
  it('round trip: export → validate has 0 problems → plan has no changes', async () => {
    const root = await generatedRepo(200);
    server = await startSeededSandbox(root);
    const applied = await callflow(root, server, 'apply', '--doit');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);

    const out = await emptyDir();
    const exported = await callflow(root, server, 'export', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported 200 numbers to .*: 2 schedules, 4 audio files\./);
    expect(await readdir(join(out, 'config/numbers'))).toHaveLength(200);

    const validate = await callflow(out, server, 'validate', '--format', 'json');
    expect(JSON.parse(validate.stdout)).toMatchObject({ problems: [] });
    const plan = await callflow(out, server, 'plan', '--detailed-exitcode');
    expect(plan.stdout).toContain('Plan: 0 flows to create, 0 numbers to update, 200 unchanged.');
    expect(plan.code).toBe(0);
  });
});
