/**
 * The account-wide apply lock: one owner at a time, with an expiry so a crashed apply does not
 * block the account forever. The client picks the token, which makes acquiring idempotent
 * (a retried PUT with the same token renews instead of conflicting with itself); the server
 * gives each holding a public id, which is what `break` names. The holder may say which host
 * and process it is, so another apply on that host can tell a dead holder from a slow one.
 * Writes that carry `X-Callflow-Lock-Token` are refused (409) unless that token holds the lock
 * at that instant: an apply that lost its lock cannot write over the one that took it.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, readJson, sendEmpty, sendJson } from './http-util.js';
import type { Router } from './router.js';
import type { ApplyLock } from './state.js';

const LOCK = '/v1/callflow/locks/apply';
const MAX_TTL_SECONDS = 24 * 3600;
export const LOCK_TOKEN_HEADER = 'x-callflow-lock-token';
const BREAK_HEADER = 'x-callflow-break-lock';


export function lockRoutes(router: Router): void {
  router
    .add('GET', LOCK, async (ctx) => {
      const lock = liveLock((await ctx.store.read()).lock, ctx.clock.now());
      if (!lock) throw new HttpError(404, 'Not found', 'nobody holds the apply lock');
      sendJson(ctx.res, 200, { lock: presentLock(lock) });
    })
    .add('PUT', LOCK, async (ctx) => {
      const body = await readJson(ctx.req);
      const owner = body['owner'];
      const token = body['token'];
      const ttl = body['ttl_seconds'];
      const host = body['host'];
      const pid = body['pid'];
      if (typeof owner !== 'string' || !owner || typeof token !== 'string' || token.length < 8) {
        throw new HttpError(400, 'Invalid lock request', 'send { "owner": "...", "token": "<random, 8+ chars>", "ttl_seconds": N }');
      }
      if (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > MAX_TTL_SECONDS) throw new HttpError(400, 'Invalid ttl_seconds', `1 to ${MAX_TTL_SECONDS}`);
      if ((host !== undefined && typeof host !== 'string') || (pid !== undefined && !(Number.isInteger(pid) && (pid as number) > 0))) {
        throw new HttpError(400, 'Invalid lock request', 'host is a string and pid a positive integer, when given');
      }
      const now = ctx.clock.now();
      const lock = await ctx.store.mutate((account) => {
        const held = liveLock(account.lock, now);
        if (held && held.token !== token) throw lockedBy(held, `held by ${held.owner} until ${held.expires_at}`);
        account.lock = {
          owner,
          token,
          // A renewal keeps the holding's id; a new holding gets a new one.
          id: held?.id ?? randomUUID(),
          expires_at: new Date(now + (ttl as number) * 1000).toISOString(),
          ...(typeof host === 'string' ? { host } : {}),
          ...(typeof pid === 'number' ? { pid } : {}),
        };
        return account.lock;
      });
      sendJson(ctx.res, 200, { lock: presentLock(lock) });
    })
    .add('DELETE', LOCK, async (ctx) => {
      const token = ctx.req.headers[LOCK_TOKEN_HEADER];
      const breaking = ctx.req.headers[BREAK_HEADER];
      if (typeof token !== 'string' && typeof breaking !== 'string') {
        throw new HttpError(400, 'Missing token', `send ${LOCK_TOKEN_HEADER} with the token you acquired the lock with, or ${BREAK_HEADER} with the id of the holding to break`);
      }
      await ctx.store.mutate((account) => {
        const held = liveLock(account.lock, ctx.clock.now());
        if (!held) return void (account.lock = null);
        // Breaking names the holding seen: if it was renewed into another, or taken since, nothing is broken.
        if (typeof token === 'string' ? held.token !== token : held.id !== breaking) throw lockedBy(held, `held by ${held.owner} until ${held.expires_at}, not by you`);
        account.lock = null;
      });
      sendEmpty(ctx.res, 204);
    });
}

/** For write routes: a request carrying a lock token writes only while that token holds the lock. */
export function assertLockHolder(lock: ApplyLock | null, token: string | string[] | undefined, now: number): void {
  if (token === undefined) return;
  const held = liveLock(lock, now);
  if (held && held.token === token) return;
  if (held) throw new HttpError(409, 'Lock lost', `the apply lock is held by ${held.owner} until ${held.expires_at}, not by you`, {}, presentLock(held));
  throw new HttpError(409, 'Lock lost', 'the apply lock you hold expired or was released');
}

function lockedBy(held: ApplyLock, why: string): HttpError {
  return new HttpError(409, 'Locked', why, {}, presentLock(held));
}

function presentLock(lock: ApplyLock) {
  return {
    ...(lock.id ? { id: lock.id } : {}),
    owner: lock.owner,
    expires_at: lock.expires_at,
    ...(lock.host !== undefined ? { host: lock.host } : {}),
    ...(lock.pid !== undefined ? { pid: lock.pid } : {}),
  };
}

function liveLock(lock: ApplyLock | null, now: number): ApplyLock | null {
  return lock && Date.parse(lock.expires_at) > now ? lock : null;
}
