/**
 * The account-wide apply lock: one owner at a time, with an expiry so a crashed apply does not
 * block the account forever. The client picks the token, which makes acquiring idempotent
 * (a retried PUT with the same token renews instead of conflicting with itself).
 */
import { HttpError, readJson, sendEmpty, sendJson } from './http-util.js';
import type { Router } from './router.js';
import type { ApplyLock } from './state.js';

const LOCK = '/v1/callflow/locks/apply';
const MAX_TTL_SECONDS = 24 * 3600;

export function lockRoutes(router: Router): void {
  router
    .add('GET', LOCK, async (ctx) => {
      const lock = liveLock((await ctx.store.read()).lock, ctx.clock.now());
      if (!lock) throw new HttpError(404, 'Not found', 'nobody holds the apply lock');
      sendJson(ctx.res, 200, { lock: { owner: lock.owner, expires_at: lock.expires_at } });
    })
    .add('PUT', LOCK, async (ctx) => {
      const body = await readJson(ctx.req);
      const owner = body['owner'];
      const token = body['token'];
      const ttl = body['ttl_seconds'];
      if (typeof owner !== 'string' || !owner || typeof token !== 'string' || token.length < 8) {
        throw new HttpError(400, 'Invalid lock request', 'send { "owner": "...", "token": "<random, 8+ chars>", "ttl_seconds": N }');
      }
      if (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > MAX_TTL_SECONDS) throw new HttpError(400, 'Invalid ttl_seconds', `1 to ${MAX_TTL_SECONDS}`);
      const now = ctx.clock.now();
      const lock = await ctx.store.mutate((account) => {
        const held = liveLock(account.lock, now);
        if (held && held.token !== token) {
          throw new HttpError(409, 'Locked', `held by ${held.owner} until ${held.expires_at}`, {}, { owner: held.owner, expires_at: held.expires_at });
        }
        account.lock = { owner, token, expires_at: new Date(now + (ttl as number) * 1000).toISOString() };
        return account.lock;
      });
      sendJson(ctx.res, 200, { lock: { owner: lock.owner, expires_at: lock.expires_at } });
    })
    .add('DELETE', LOCK, async (ctx) => {
      const token = ctx.req.headers['x-callflow-lock-token'];
      if (typeof token !== 'string') throw new HttpError(400, 'Missing token', 'send X-Callflow-Lock-Token with the token you acquired the lock with');
      await ctx.store.mutate((account) => {
        const held = liveLock(account.lock, ctx.clock.now());
        if (held && held.token !== token) throw new HttpError(409, 'Locked', `held by ${held.owner} until ${held.expires_at}, not by you`);
        account.lock = null;
      });
      sendEmpty(ctx.res, 204);
    });
}

function liveLock(lock: ApplyLock | null, now: number): ApplyLock | null {
  return lock && Date.parse(lock.expires_at) > now ? lock : null;
}
