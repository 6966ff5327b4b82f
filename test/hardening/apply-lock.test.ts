/**
 * Issue #17, items 2 and 3: the apply lock is renewed while an apply runs and checked before
 * each write (a slow apply no longer loses it to a second one, and one that lost it writes
 * nothing more); an interrupted apply releases it; a lock whose holder ran on this host and is
 * gone is taken over; `apply --break-lock` breaks any other, naming the holder. Real sandbox
 * server, real child processes and real signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliParts } from '../../src/cli/parts.js';
import type { CliIo } from '../../src/cli/io.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { silentLogger } from '../../src/logging.js';
import { applyRepo, planRepo, type ApplyOutcome } from '../../src/pipeline/index.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, clientFor, copyExampleRepo, startSeededSandbox } from '../apply/harness.js';
import { startCliProcess } from '../support/cli-process.js';

let server: RunningSandbox | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  server = undefined;
});

const AUTH = { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lockNow(s: RunningSandbox): Promise<{ id?: string; owner: string; expires_at: string } | undefined> {
  const response = await fetch(`${s.url}/callflow/locks/apply`, { headers: AUTH });
  if (response.status === 404) return undefined;
  return ((await response.json()) as { lock: { id?: string; owner: string; expires_at: string } }).lock;
}

/** Polls (bounded) until the lock is held by an owner matching `owner`. */
async function lockHeldBy(s: RunningSandbox, owner: RegExp): Promise<{ id?: string; owner: string }> {
  for (let i = 0; i < 400; i += 1) {
    const lock = await lockNow(s);
    if (lock && owner.test(lock.owner)) return lock;
    await sleep(25);
  }
  throw new Error(`the lock was never held by ${owner}`);
}

async function published(root: string, s: RunningSandbox): Promise<Array<number | null>> {
  const provider = await clientFor(root, s);
  try {
    const out: Array<number | null> = [];
    for (const summary of await provider.listNumbers()) out.push((await provider.readNumber(summary.id)).flow?.published?.version ?? null);
    return out;
  } finally {
    await provider.close();
  }
}

function parts(root: string, s: RunningSandbox) {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: root, env: { CALLFLOW_PROVIDER_URL: s.url, CALLFLOW_LOG_LEVEL: 'silent' }, isTTY: false };
  return cliParts({}, io);
}

function inProcessApply(root: string, s: RunningSandbox, who: string): Promise<ApplyOutcome> {
  return applyRepo(parts(root, s), { doit: true, force: false, actor: { who, host: hostname(), pid: process.pid, commit: async () => null } });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe('the apply lock', () => {
  it('is renewed while a slow apply runs: past its life it is still held, and a second apply is refused', async () => {
    const root = await copyExampleRepo();
    // Every request takes 250 ms: the apply lasts several lock lives of 2 s.
    server = await startSeededSandbox(root, { faults: { rate: 1, statuses: [], latencyMs: 250, seed: 1 } });
    const planned = await planRepo(parts(root, server));
    if (planned.kind !== 'planned') throw new Error('the example does not plan');
    const provider = await clientFor(root, server);
    let done = false;
    const first = applyPlan({
      plan: planned.plan,
      provider,
      repoFile: (path) => planned.validation.repo.audio.get(path)?.absolutePath,
      owner: 'slow@here pid 1',
      where: { host: hostname(), pid: process.pid },
      logger: silentLogger(),
      lockSeconds: 2,
    }).finally(() => (done = true));
    try {
      await lockHeldBy(server, /^slow@/);
      await sleep(3_000);
      expect(done, 'the apply ended before its lock would have expired; nothing was tested').toBe(false);
      expect((await lockNow(server))?.owner).toMatch(/^slow@/);
      const second = await inProcessApply(root, server, 'second');
      expect(second.kind).toBe('applied');
      expect((second as Extract<ApplyOutcome, { kind: 'applied' }>).report.refused).toMatch(/another apply is running: held by slow@/);
      const report = await first;
      expect(report.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    } finally {
      await first.catch(() => undefined);
      await provider.close();
    }
  });

  it('an apply that lost its lock writes nothing more, and says so', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root, { faults: { rate: 1, statuses: [], latencyMs: 150, seed: 2 } });
    const first = inProcessApply(root, server, 'loser');
    const held = await lockHeldBy(server, /^loser@/);
    // Someone breaks the lock and takes it: from now on, every write of the first apply is another's.
    const broke = await fetch(`${server.url}/callflow/locks/apply`, { method: 'DELETE', headers: { ...AUTH, 'x-callflow-break-lock': held.id! } });
    expect(broke.status).toBe(204);
    const taken = await fetch(`${server.url}/callflow/locks/apply`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ owner: 'winner', token: 'winner-token-1', ttl_seconds: 600 }) });
    expect(taken.status).toBe(200);
    const versions = await published(root, server);
    const assets = (await readdir(join(server.store.dir, 'assets'))).length;

    const outcome = await first;
    expect(outcome.kind).toBe('applied');
    const report = (outcome as Extract<ApplyOutcome, { kind: 'applied' }>).report;
    expect(report.stopped).toMatch(/lock/);
    expect(await published(root, server)).toEqual(versions);
    expect((await readdir(join(server.store.dir, 'assets'))).length).toBe(assets);
    expect((await lockNow(server))?.owner).toBe('winner');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`is released when apply gets ${signal}, which stops it before the next write and exits 1 with one line`, async () => {
      const root = await copyExampleRepo();
      server = await startSeededSandbox(root, { faults: { rate: 1, statuses: [], latencyMs: 150, seed: 3 } });
      const child = startCliProcess(['apply', '--doit'], { cwd: root, env: { CALLFLOW_PROVIDER_URL: server.url } });
      children.push(child);
      const end = exited(child);
      await lockHeldBy(server, new RegExp(`pid ${child.pid}$`));
      child.kill(signal);
      const { code, stderr } = await end;
      expect(code).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^callflow apply: stopped \(interrupted\): \d of 3 numbers applied, the rest not attempted; the apply lock was released$/);
      expect(await lockNow(server)).toBeUndefined();
      const next = await callflow(root, server, 'apply', '--doit');
      expect(next.code).toBe(0);
      expect(await published(root, server)).toEqual([1, 1, 1]);
    });
  }

  it('is taken over from an apply killed with -9 on this host', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root, { faults: { rate: 1, statuses: [], latencyMs: 150, seed: 4 } });
    const child = startCliProcess(['apply', '--doit'], { cwd: root, env: { CALLFLOW_PROVIDER_URL: server.url } });
    children.push(child);
    const end = exited(child);
    await lockHeldBy(server, new RegExp(`pid ${child.pid}$`));
    child.kill('SIGKILL');
    await end;
    expect((await lockNow(server))?.owner).toMatch(new RegExp(`pid ${child.pid}$`));
    const next = await callflow(root, server, 'apply', '--doit');
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(new RegExp(`Took over the apply lock of .+ pid ${child.pid} \\(host ${hostname()}, until .+\\): its process on this host is gone`));
    expect(await published(root, server)).toEqual([1, 1, 1]);
  });

  it('is not taken over while its holder on this host still runs', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    children.push(holder);
    const put = await fetch(`${server.url}/callflow/locks/apply`, {
      method: 'PUT',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: `ci@${hostname()} pid ${holder.pid}`, token: 'holder-token-1', ttl_seconds: 600, host: hostname(), pid: holder.pid }),
    });
    expect(put.status).toBe(200);
    const refused = await callflow(root, server, 'apply', '--doit');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Refused: another apply is running: held by ci@.+; if it is not running, re-run with --break-lock/);
    expect(await published(root, server)).toEqual([null, null, null]);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const next = await callflow(root, server, 'apply', '--doit');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Took over the apply lock of ci@');
  });

  it('apply --break-lock breaks a lock held elsewhere, naming the holder', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    const put = await fetch(`${server.url}/callflow/locks/apply`, {
      method: 'PUT',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'dana@ci-runner-7 pid 4242', token: 'other-token-1', ttl_seconds: 600, host: 'ci-runner-7', pid: 4242 }),
    });
    expect(put.status).toBe(200);
    const refused = await callflow(root, server, 'apply', '--doit');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Refused: another apply is running: held by dana@ci-runner-7 pid 4242 \(host ci-runner-7, until \S+\); if it is not running, re-run with --break-lock\. Nothing was applied\./);
    // A real process at the default log level: what a user sees, stderr included.
    const child = startCliProcess(['apply', '--doit', '--break-lock'], { cwd: root, env: { CALLFLOW_PROVIDER_URL: server.url, CALLFLOW_LOG_LEVEL: undefined } });
    children.push(child);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const broken = await exited(child);
    expect(broken.stderr).toBe('');
    expect(broken.code).toBe(0);
    expect(stdout).not.toContain('{"level"');
    expect(stdout).toMatch(/^Broke the apply lock held by dana@ci-runner-7 pid 4242 \(host ci-runner-7, until \S+\)\.$/m);
    expect(await published(root, server)).toEqual([1, 1, 1]);
    expect(await lockNow(server)).toBeUndefined();
  });
});
