/**
 * Our Smartflow extension (not in Aircall's public API): versioned flow documents per number.
 * A draft is written against the version it was based on (`If-Match`), so two writers cannot
 * silently overwrite each other (412 when stale); publishing makes one version live atomically.
 */
import { isDeepStrictEqual } from 'node:util';
import { HttpError, readJson, sendJson } from './http-util.js';
import { presentFlowState, presentNumber, presentVersion } from './present.js';
import type { Router } from './router.js';
import { findNumber } from './routes-numbers.js';
import { latestVersion } from './state.js';
import { assertLockHolder, LOCK_TOKEN_HEADER } from './routes-locks.js';

const FLOW = '/v1/callflow/numbers/:id/flow';

export function flowRoutes(router: Router): void {
  router
    .add('GET', FLOW, async (ctx) => {
      const number = findNumber(await ctx.store.read(), ctx.params['id']!);
      // The number rides along so a plan reads each number in one request, not two.
      sendJson(ctx.res, 200, { ...presentFlowState(number), number: presentNumber(number, ctx.origin) }, { etag: `"${latestVersion(number)}"` });
    })
    .add('GET', `${FLOW}/versions`, async (ctx) => {
      const number = findNumber(await ctx.store.read(), ctx.params['id']!);
      const versions = number.flow.versions.map((v) => ({
        version: v.version,
        created_at: v.created_at,
        ...(v.author ? { author: v.author } : {}),
        published: v.version === number.flow.published,
      }));
      sendJson(ctx.res, 200, { versions, published_version: number.flow.published, latest_version: latestVersion(number) });
    })
    .add('GET', `${FLOW}/versions/:version`, async (ctx) => {
      const number = findNumber(await ctx.store.read(), ctx.params['id']!);
      const version = number.flow.versions.find((v) => String(v.version) === ctx.params['version']);
      if (!version) throw new HttpError(404, 'Not found', `number ${number.id} has no flow version ${ctx.params['version']}`);
      sendJson(ctx.res, 200, { version: presentVersion(version) });
    })
    .add('PUT', `${FLOW}/draft`, async (ctx) => {
      const base = readIfMatch(ctx.req.headers['if-match']);
      const body = await readJson(ctx.req);
      const document = body['document'];
      if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new HttpError(400, 'Invalid document', 'send { "document": { ... } }');
      const author = typeof body['author'] === 'string' ? body['author'] : undefined;
      const { version, created } = await ctx.store.mutate((account) => {
        assertLockHolder(account.lock, ctx.req.headers[LOCK_TOKEN_HEADER], ctx.clock.now());
        const number = findNumber(account, ctx.params['id']!);
        const latest = latestVersion(number);
        const last = number.flow.versions.at(-1);
        // A retried write (its answer was lost) finds its own version: answer it again, unchanged.
        if (last && base === latest - 1 && isDeepStrictEqual(last.document, document)) return { version: last, created: false };
        if (base !== latest) {
          throw new HttpError(412, 'Stale version', `the flow is at version ${latest}, not ${base}: read it again and rebase your draft`, { etag: `"${latest}"` });
        }
        const next = { version: latest + 1, document: document as Record<string, unknown>, created_at: new Date(ctx.clock.now()).toISOString(), ...(author ? { author } : {}) };
        number.flow.versions.push(next);
        return { version: next, created: true };
      });
      sendJson(ctx.res, created ? 201 : 200, { version: presentVersion(version) }, { etag: `"${version.version}"` });
    })
    .add('POST', `${FLOW}/publish`, async (ctx) => {
      const body = await readJson(ctx.req);
      const wanted = body['version'];
      if (!Number.isInteger(wanted)) throw new HttpError(400, 'Invalid version', 'send { "version": N }');
      const number = await ctx.store.mutate((account) => {
        assertLockHolder(account.lock, ctx.req.headers[LOCK_TOKEN_HEADER], ctx.clock.now());
        const found = findNumber(account, ctx.params['id']!);
        if (!found.flow.versions.some((v) => v.version === wanted)) throw new HttpError(404, 'Not found', `number ${found.id} has no flow version ${String(wanted)}`);
        found.flow.published = wanted as number;
        return found;
      });
      sendJson(ctx.res, 200, { published_version: number.flow.published, latest_version: latestVersion(number) });
    });
}

/** `If-Match: "3"` (or 3): the version the draft is based on; 0 for a number never written. */
function readIfMatch(header: string | undefined): number {
  if (header === undefined) throw new HttpError(428, 'Precondition required', 'send If-Match with the version your draft is based on (0 for none)');
  const value = Number(header.replace(/^W\//, '').replace(/"/g, '').trim());
  if (!Number.isInteger(value) || value < 0) throw new HttpError(400, 'Invalid If-Match', 'If-Match must be a version number such as "3"');
  return value;
}
