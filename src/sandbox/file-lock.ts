/**
 * An OS-level lock file around store mutations, so two processes sharing one data dir (two
 * `apply` runs in two shells, each with its in-process sandbox) take turns instead of
 * overwriting each other. The file is created with O_EXCL and holds the owner's pid and a
 * token; a lock whose pid is dead (a killed server) is stale and is broken. Within one process
 * a queue per path serialises callers first, so the file is only contended across processes.
 */
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';

export class LockTimeoutError extends Error {}

interface Holder {
  pid: number;
  token: string;
}

/** Per-process by nature: the OS lock says "this pid", this says which caller inside it. */
const queues = new Map<string, Promise<void>>();
const heldTokens = new Set<string>();

export async function withFileLock<T>(path: string, work: () => Promise<T>, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  queues.set(path, chained);
  await previous;
  try {
    const token = await acquire(path, options.timeoutMs ?? 30_000, options.pollMs ?? 5);
    try {
      return await work();
    } finally {
      heldTokens.delete(token);
      await rm(path, { force: true });
    }
  } finally {
    release();
    if (queues.get(path) === chained) queues.delete(path);
  }
}

async function acquire(path: string, timeoutMs: number, pollMs: number): Promise<string> {
  const token = randomUUID();
  const deadline = Date.now() + timeoutMs;
  for (let wait = pollMs; ; wait = Math.min(wait * 2, 100)) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, token } satisfies Holder));
      await handle.close();
      heldTokens.add(token);
      return token;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await breakIfStale(path)) continue;
    if (Date.now() > deadline) throw new LockTimeoutError(`the sandbox store is locked by another process (${path})`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** True when the lock was left by a process that no longer runs, and was removed. */
async function breakIfStale(path: string): Promise<boolean> {
  let holder: Partial<Holder>;
  try {
    holder = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
  } catch {
    // Empty or half-written: its creator is between open and write, or died there.
    // Judge by age so a live writer is not robbed of a lock it is about to fill in.
    return removeIfOld(path);
  }
  const stale = typeof holder.pid !== 'number' || !isAlive(holder.pid) || (holder.pid === process.pid && !heldTokens.has(holder.token ?? ''));
  if (!stale) return false;
  return removeExactly(path, holder.token);
}

/**
 * Removes the lock only if it is still the one judged stale: two processes may judge the same
 * dead lock, and the slower must not remove the fresh lock the faster one created since.
 */
async function removeExactly(path: string, token: string | undefined): Promise<boolean> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return true; // already gone: try again
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  let movedToken: string | undefined;
  try {
    movedToken = (JSON.parse(moved) as Partial<Holder>).token;
  } catch {
    movedToken = undefined;
  }
  if (movedToken !== token) await link(aside, path).catch(() => undefined); // someone else's fresh lock: put it back
  await rm(aside, { force: true });
  return true;
}

async function removeIfOld(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return true;
  if (Date.now() - info.mtimeMs < 2000) return false;
  return removeExactly(path, undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
