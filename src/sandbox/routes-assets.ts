/** Audio assets by content: `PUT /v1/callflow/assets/:sha256` stores bytes whose hash matches. */
import { createHash } from 'node:crypto';
import { HttpError, MAX_ASSET_BYTES, readBytes, sendEmpty, sendJson } from './http-util.js';
import type { Router, RouteContext } from './router.js';
import { assertLockHolder, LOCK_TOKEN_HEADER } from './routes-locks.js';

const ASSET = '/v1/callflow/assets/:sha256';

export function assetRoutes(router: Router): void {
  router
    .add('PUT', ASSET, async (ctx) => {
      const sha256 = checkHash(ctx);
      const content = await readBytes(ctx.req, MAX_ASSET_BYTES);
      const actual = createHash('sha256').update(content).digest('hex');
      if (actual !== sha256) throw new HttpError(422, 'Hash mismatch', `the body's sha256 is ${actual}, not ${sha256}`);
      assertLockHolder((await ctx.store.read()).lock, ctx.req.headers[LOCK_TOKEN_HEADER], ctx.clock.now());
      const created = await ctx.store.putAsset(sha256, content);
      sendJson(ctx.res, created ? 201 : 200, { asset: { sha256, size: content.length, url: assetUrl(ctx, sha256) } });
    })
    .add('HEAD', ASSET, async (ctx) => {
      const size = await ctx.store.hasAsset(checkHash(ctx));
      sendEmpty(ctx.res, size === undefined ? 404 : 200, size === undefined ? {} : { 'content-length': String(size), 'content-type': 'audio/mpeg' });
    })
    .add('GET', ASSET, async (ctx) => {
      const sha256 = checkHash(ctx);
      if ((await ctx.store.hasAsset(sha256)) === undefined) throw new HttpError(404, 'Not found', `no asset ${sha256}`);
      const content = await ctx.store.readAsset(sha256);
      ctx.res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': content.length, etag: `"${sha256}"` });
      ctx.res.end(content);
    });
}

function checkHash(ctx: RouteContext): string {
  const sha256 = ctx.params['sha256']!;
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HttpError(400, 'Invalid hash', 'assets are named by the lowercase hex sha256 of their content');
  return sha256;
}

function assetUrl(ctx: RouteContext, sha256: string): string {
  return `${ctx.origin}/v1/callflow/assets/${sha256}`;
}
