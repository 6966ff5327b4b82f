/**
 * Two processes sharing one data dir (two `apply` runs, each with its in-process sandbox)
 * take turns on the store: no acknowledged write is lost, and each sees the other's writes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { StaleVersionError } from '../../src/providers/errors.js';
import { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import { LockTimeoutError, withFileLock } from '../../src/sandbox/file-lock.js';
import { CREDENTIALS, startTestSandbox, tempDir, type TestSandbox, removeTempDirs } from './helpers.js';

const CHILD = fileURLToPath(new URL('./child-sandbox.ts', import.meta.url));
const LOCK_CHILD = fileURLToPath(new URL('./child-lock.ts', import.meta.url));
let child: ChildProcess | undefined;
let local: TestSandbox | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await local?.close();
  local = undefined;
});

function startChild(dataDir: string): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', CHILD, '--data', dataDir, '--rate-limit', '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child!.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

const providerAt = (url: string) => new SandboxProvider({ baseUrl: url, credentials: CREDENTIALS, logger: silentLogger(), rateLimit: { limit: 100_000, windowMs: 60_000 } });

/** Writes `count` versions, rebasing on 412 like an apply would. */
async function writeVersions(provider: SandboxProvider, id: string, who: string, count: number): Promise<number[]> {
  const acked: number[] = [];
  for (let i = 0; i < count; ) {
    const base = (await provider.readNumber(id)).flow!.latestVersion;
    try {
      acked.push((await provider.flows!.writeDraft(id, { who, i }, base)).version);
      i += 1;
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
  return acked;
}

afterAll(removeTempDirs);

/** The child's stdout, a line at a time; fails instead of waiting forever if the child exits. */
function lines(process: ChildProcess): { next(): Promise<string> } {
  const reader = createInterface({ input: process.stdout! })[Symbol.asyncIterator]();
  return {
    async next() {
      const line = await reader.next();
      if (line.done) throw new Error('the child process ended without saying more');
      return line.value;
    },
  };
}

describe('a data dir shared by two sandbox processes', () => {
  it('serialises their writes: every acknowledged version is kept exactly once', async () => {
    local = await startTestSandbox({ dataDir: join(await tempDir(), 'data') });
    const url = await startChild(local.dir);
    const here = local.provider();
    const there = providerAt(url);
    const [number] = await here.listNumbers();
    const [mine, theirs] = await Promise.all([writeVersions(here, number!.id, 'here', 25), writeVersions(there, number!.id, 'there', 25)]);

    const all = [...mine, ...theirs].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Both servers read the same account.
    expect((await there.readNumber(number!.id)).flow!.latestVersion).toBe(50);
    expect((await here.readNumber(number!.id)).flow!.latestVersion).toBe(50);
  });

  it('breaks a lock file left by a process that died', async () => {
    const dir = await tempDir();
    const lockPath = join(dir, 'state.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(lockPath, JSON.stringify({ pid: Number(dead.stdout), token: 'left-behind' }));
    const result = await withFileLock(lockPath, async () => 'got it', { timeoutMs: 2000 });
    expect(result).toBe('got it');
  });

  it('waits for a lock held by another live process instead of breaking it, and gets it once released', async () => {
    const lockPath = join(await tempDir(), 'state.lock');
    const holder = spawn(process.execPath, ['--import', 'tsx', LOCK_CHILD, lockPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    child = holder;
    const said = lines(holder);
    expect(await said.next()).toBe('held');
    // Another process holds it: a bounded attempt must give up, not take it.
    await expect(withFileLock(lockPath, async () => 'taken', { timeoutMs: 300 })).rejects.toThrow(LockTimeoutError);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: holder.pid });
    holder.stdin!.write('release\n');
    expect(await said.next()).toBe('released');
    expect(await withFileLock(lockPath, async () => 'mine', { timeoutMs: 10_000 })).toBe('mine');
  });
});
