/**
 * The apply lock for the length of an apply: taken (or taken over from a holder proven dead,
 * or broken when asked), renewed while the apply runs, and asked before each write whether it
 * is still ours. "Provably dead" is narrow on purpose: the holder said it runs on this host,
 * and its process is gone. Anything else (another host, an older holder that said nothing, a
 * live pid) waits for expiry or `apply --break-lock`.
 */
import type { Logger } from 'pino';
import { LockHeldError } from '../providers/errors.js';
import type { AccountLock, Lock, LockHolder } from '../providers/provider.js';

export interface LockRequest {
  lock: AccountLock;
  owner: string;
  /** This apply's host and process, told to the account so another apply here can judge it. */
  where: { host: string; pid: number };
  ttlSeconds: number;
  /** `apply --break-lock`: break a lock held by anyone else. */
  breakLock: boolean;
  logger: Logger;
  /** Whether a process of this host runs (real by default). */
  isRunning?: (pid: number) => boolean;
  now?: () => number;
}

export type Taken =
  | { ok: true; held: HeldLock; tookOver?: LockHolder; broke?: LockHolder }
  | { ok: false; holder: LockHolder };

export interface HeldLock {
  /** Undefined while the lock is ours; once it is not, why. */
  lost(): string | undefined;
  /** Stops renewing and gives the lock back (a failure is logged: the lock expires by itself). */
  release(): Promise<void>;
}

export async function takeApplyLock(request: LockRequest): Promise<Taken> {
  const now = request.now ?? Date.now;
  const attempt = async (): Promise<{ lock: Lock; startedAt: number } | LockHolder> => {
    const startedAt = now();
    try {
      return { lock: await request.lock.acquire(request.owner, request.ttlSeconds, request.where), startedAt };
    } catch (error) {
      if (error instanceof LockHeldError) return error.held ?? { owner: error.holder, expiresAt: error.expiresAt };
      throw error;
    }
  };
  const first = await attempt();
  if ('lock' in first) return { ok: true, held: keep(request, first.lock, first.startedAt) };

  const dead = provablyDead(first, request.where.host, request.isRunning ?? isRunning);
  if (!dead && !request.breakLock) return { ok: false, holder: first };
  try {
    await request.lock.break(first);
  } catch (error) {
    // Renewed or taken by someone else since we looked: not the holding we judged.
    if (error instanceof LockHeldError) return { ok: false, holder: error.held ?? { owner: error.holder, expiresAt: error.expiresAt } };
    throw error;
  }
  // The report carries it (`tookOver`/`broke`) and each face says it in its own words; the log
  // line is for machines (serve logs at info), not a warning among a person's output.
  request.logger.info({ component: 'apply', holder: first }, dead ? 'took over the apply lock of a process that is gone' : 'broke the apply lock');
  const second = await attempt();
  if (!('lock' in second)) return { ok: false, holder: second };
  return { ok: true, held: keep(request, second.lock, second.startedAt), ...(dead ? { tookOver: first } : { broke: first }) };
}

/** Same host, and its process is gone (a pid of ours is never gone: that is another apply in this process). */
export function provablyDead(holder: LockHolder, host: string, running: (pid: number) => boolean): boolean {
  return holder.host === host && holder.pid !== undefined && holder.pid !== process.pid && !running(holder.pid);
}

/** Renews at a third of the lock's life; past the life measured here without a renewal, the lock is lost. */
function keep(request: LockRequest, acquired: Lock, startedAt: number): HeldLock {
  const now = request.now ?? Date.now;
  const lifeMs = request.ttlSeconds * 1000;
  let lock = acquired;
  let deadline = startedAt + lifeMs;
  let lostReason: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> = Promise.resolve();

  const renew = async () => {
    const sentAt = now();
    try {
      lock = await request.lock.renew(lock, request.ttlSeconds);
      deadline = sentAt + lifeMs;
    } catch (error) {
      if (error instanceof LockHeldError) lostReason = `the apply lock was taken by ${error.holder}`;
      else request.logger.warn({ component: 'apply', err: error }, 'could not renew the apply lock; trying again');
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      renewing = renew().finally(() => {
        if (!lostReason) schedule();
      });
    }, Math.max(10, lifeMs / 3));
  };
  schedule();

  return {
    lost() {
      if (lostReason) return lostReason;
      if (now() >= deadline) return 'the apply lock expired before it could be renewed';
      return undefined;
    },
    async release() {
      clearTimeout(timer);
      lostReason ??= 'released';
      await renewing;
      await request.lock.release(lock).catch((error: unknown) => request.logger.warn({ component: 'apply', err: error }, 'could not release the apply lock; it expires by itself'));
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "alice@laptop pid 123 (host laptop, until …)": who holds the lock, for messages. */
export function describeHolder(holder: LockHolder): string {
  const where = [holder.host ? `host ${holder.host}` : '', `until ${holder.expiresAt}`].filter(Boolean).join(', ');
  return `${holder.owner} (${where})`;
}
