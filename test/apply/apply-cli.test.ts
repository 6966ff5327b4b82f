import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, clientFor, copyExampleRepo, editFile, startSeededSandbox } from './harness.js';

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function publishedVersions(root: string, s: RunningSandbox): Promise<Map<string, number | null>> {
  const provider = await clientFor(root, s);
  try {
    const out = new Map<string, number | null>();
    for (const summary of await provider.listNumbers()) out.set(summary.number, (await provider.readNumber(summary.id)).flow?.published?.version ?? null);
    return out;
  } finally {
    await provider.close();
  }
}

describe('plan and apply against the sandbox', () => {
  it('plans the example, dry-runs without writing, applies, then has nothing left to do', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);

    const plan = await callflow(root, server, 'plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('+33176360000 Support France');
    expect(plan.stdout).toMatch(/3 flows to create/);

    const dry = await callflow(root, server, 'apply');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run');
    expect([...(await publishedVersions(root, server)).values()]).toEqual([null, null, null]);

    const applied = await callflow(root, server, 'apply', '--doit');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied 3 of 3 numbers; audio: 5 uploaded');
    expect([...(await publishedVersions(root, server)).values()].every((v) => v === 1)).toBe(true);

    const again = await callflow(root, server, 'plan', '--detailed-exitcode');
    expect(again.code).toBe(0);
    const second = await callflow(root, server, 'apply', '--doit');
    expect(second.code).toBe(0);
    expect([...(await publishedVersions(root, server)).values()].every((v) => v === 1)).toBe(true);

    const journal = (await readFile(join(root, '.callflow', 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(journal).toHaveLength(1);
    expect(journal[0].results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('a one-number change publishes a new version of that number only', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace("To leave a message", "To leave us a message"));

    const plan = await callflow(root, server, 'plan', '--format', 'json');
    const parsed = JSON.parse(plan.stdout);
    expect(parsed.summary).toMatchObject({ update: 1, unchanged: 2, uploads: 0 });

    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const versions = await publishedVersions(root, server);
    expect(versions.get('+442071838750')).toBe(2);
    expect(versions.get('+33176360000')).toBe(1);
  });

  it('refuses a saved plan when live moved since, and writes nothing', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('press 2.', 'press 2. Thank you.'));
    const planFile = join(root, 'plan.json');
    expect((await callflow(root, server, 'plan', '--out', planFile)).code).toBe(0);

    // Someone publishes another flow for that number in the meantime.
    const provider = await clientFor(root, server);
    const id = (await provider.listNumbers()).find((n) => n.number === '+442071838750')!.id;
    const before = await provider.readNumber(id);
    const draft = await provider.flows!.writeDraft(id, before.flow!.published!.document, before.flow!.latestVersion);
    await provider.flows!.publish(id, draft.version);
    await provider.close();

    const refused = await callflow(root, server, 'apply', '--doit', '--plan', planFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\+442071838750: flow version is now 2 \(planned against 1\)/);
    expect((await publishedVersions(root, server)).get('+442071838750')).toBe(2);
  });

  it('a saved plan applied a second time has nothing to do: it says so, exits 0 and writes nothing', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const planFile = join(root, 'plan.json');
    expect((await callflow(root, server, 'plan', '--out', planFile)).code).toBe(0);
    expect((await callflow(root, server, 'apply', '--doit', '--plan', planFile)).code).toBe(0);
    const versions = await publishedVersions(root, server);

    const again = await callflow(root, server, 'apply', '--doit', '--plan', planFile);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do: the account already has what this plan asks for (it was applied since it was made); nothing was written.');
    expect(await publishedVersions(root, server)).toEqual(versions);
  });

  it('stops before reading the account when the repo has errors', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    await editFile(join(root, 'config/numbers/support-fr.yaml'), (t) => t.replace('no_input: support', 'no_input: suport'));
    const run = await callflow(root, server, 'apply', '--doit');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('config/numbers/support-fr.yaml:24:17');
    expect(run.stderr).toContain('nothing was read from or written to the account');
    expect([...(await publishedVersions(root, server)).values()]).toEqual([null, null, null]);
  });

  it('a config problem found while planning is printed as validate prints one: code frame and hint', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const uk = await readFile(join(root, 'config/numbers/after-hours-uk.yaml'), 'utf8');
    await writeFile(join(root, 'config/numbers/extra.yaml'), uk.replace('+442071838750', '+442071838751'));
    const frame = [
      'config/numbers/extra.yaml:2:9  error  +442071838751 (After-hours UK) is in config but not in the account  [plan/number-not-live]',
      '    1 | # yaml-language-server: $schema=../../schema/number.schema.json',
      '  > 2 | number: "+442071838751"',
      '      |         ^^^^^^^^^^^^^^^',
      '    3 | name: After-hours UK',
      '  hint: in the sandbox, provision it as if bought:',
    ].join('\n');
    for (const command of ['plan', 'apply']) {
      const run = await callflow(root, server, command);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(frame);
    }
  });

  it('two applies started together: exactly one applies, the other refuses naming the holder', async () => {
    const root = await copyExampleRepo();
    // Every request stalls a little so the two runs overlap while one holds the lock.
    server = await startSeededSandbox(root, { faults: { rate: 1, statuses: [], latencyMs: 40, seed: 1 } });
    const [a, b] = await Promise.all([callflow(root, server, 'apply', '--doit'), callflow(root, server, 'apply', '--doit')]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.stdout + loser.stderr).toMatch(/another apply is running: held by .+ pid \d+/);
    expect([...(await publishedVersions(root, server)).values()].every((v) => v === 1)).toBe(true);
  });

  it('a refused login is one clear line and exit 1, never a stack trace or the token', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const run = await callflow(root, server, 'plan', '--env', 'SANDBOX_API_TOKEN=not-the-token');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^callflow plan: GET \/v1\/numbers: HTTP 401/);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stderr).not.toContain('not-the-token');
  });
});
