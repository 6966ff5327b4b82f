/**
 * Aircall v1: numbers (list, read, update settings and music & messages), users, teams, ping.
 * The `aircall` flavor serves only what the public API serves: formatted digits, no language,
 * no `embed=flow`, `per_page` above 50 refused, and message URLs downloaded and checked.
 */
import { HttpError, positiveInt, readJson, sendJson } from './http-util.js';
import type { MessageAudioFetcher } from './message-audio.js';
import { page, presentFlowState, presentNumber, presentTeam, presentUser, type Flavor } from './present.js';
import type { Router, RouteContext } from './router.js';
import { MESSAGE_SLOTS, type MessageSlot, type StoredNumber } from './state.js';
import { assertLockHolder, LOCK_TOKEN_HEADER } from './routes-locks.js';

const MAX_PER_PAGE = 50;
const SHA256 = /^[0-9a-f]{64}$/;

export interface NumberRouteOptions {
  flavor: Flavor;
  /** Downloads message URLs on update (the `aircall` flavor). */
  audio?: MessageAudioFetcher;
}

export function numberRoutes(router: Router, options: NumberRouteOptions = { flavor: 'callflow' }): void {
  const { flavor } = options;
  const aircall = flavor === 'aircall';
  router
    .add('GET', '/v1/ping', async ({ res }) => sendJson(res, 200, { ping: 'pong' }))
    .add('GET', '/v1/numbers', async (ctx) => {
      const account = await ctx.store.read();
      // `embed=flow` (our extension): each number with its flow, so a whole account reads in ⌈N/50⌉ requests. Aircall ignores it.
      const embed = aircall ? null : ctx.url.searchParams.get('embed');
      if (embed !== null && embed !== 'flow') throw new HttpError(400, 'Invalid embed', 'embed takes the value "flow"');
      sendPage(ctx, 'numbers', account.numbers, (n) => (embed ? { ...presentNumber(n, ctx.origin, flavor), flow: presentFlowState(n) } : presentNumber(n, ctx.origin, flavor)), flavor);
    })
    .add('GET', '/v1/numbers/:id', async (ctx) => {
      const number = findNumber(await ctx.store.read(), ctx.params['id']!);
      sendJson(ctx.res, 200, { number: presentNumber(number, ctx.origin, flavor) });
    })
    .add('PUT', '/v1/numbers/:id', async (ctx) => {
      const update = checkUpdate(await readJson(ctx.req), flavor);
      findNumber(await ctx.store.read(), ctx.params['id']!);
      for (const [slot, value] of Object.entries(update.messages ?? {})) {
        if (value && SHA256.test(value) && (await ctx.store.hasAsset(value)) === undefined) {
          throw new HttpError(422, 'Unknown audio asset', `upload ${value} to /v1/callflow/assets/${value} first`);
        }
        if (value && options.audio) await options.audio.require(slot, value);
      }
      const number = await ctx.store.mutate((account) => {
        assertLockHolder(account.lock, ctx.req.headers[LOCK_TOKEN_HEADER], ctx.clock.now());
        const found = findNumber(account, ctx.params['id']!);
        if (update.name !== undefined) found.name = update.name;
        if (update.time_zone !== undefined) found.time_zone = update.time_zone;
        if (update.language !== undefined) found.language = update.language;
        for (const [slot, value] of Object.entries(update.messages ?? {})) found.messages[slot as MessageSlot] = value;
        return found;
      });
      sendJson(ctx.res, 200, { number: presentNumber(number, ctx.origin, flavor) });
    })
    .add('GET', '/v1/users', async (ctx) => {
      const account = await ctx.store.read();
      sendPage(ctx, 'users', account.users, (u) => presentUser(u, ctx.origin), flavor);
    })
    .add('GET', '/v1/teams', async (ctx) => {
      const account = await ctx.store.read();
      sendPage(ctx, 'teams', account.teams, (t) => presentTeam(t, account, ctx.origin), flavor);
    });
}

/** By id, from the account (read) or a change (an editable copy). */
export function findNumber(source: { number(id: string): StoredNumber | undefined }, id: string): StoredNumber {
  const number = source.number(id);
  if (!number) throw new HttpError(404, 'Not found', `no number with id ${id} in this account`);
  return number;
}

/** Presents only the requested page's items, so listing costs the page, not the account. */
function sendPage<T, U>(ctx: RouteContext, key: string, items: readonly T[], present: (item: T) => U, flavor: Flavor): void {
  const pageNumber = positiveInt(ctx.url.searchParams.get('page'), 1, Number.MAX_SAFE_INTEGER);
  const asked = ctx.url.searchParams.get('per_page');
  if (flavor === 'aircall' && asked !== null && Number(asked) > MAX_PER_PAGE) throw new HttpError(400, 'Invalid pagination', `per_page is at most ${MAX_PER_PAGE}`);
  const perPage = positiveInt(asked, 20, MAX_PER_PAGE);
  const embed = flavor === 'aircall' ? null : ctx.url.searchParams.get('embed');
  const link = (n: number) => `${ctx.origin}${ctx.url.pathname}?page=${n}&per_page=${perPage}${embed ? `&embed=${embed}` : ''}`;
  sendJson(ctx.res, 200, page(key, items, pageNumber, perPage, link, present));
}

interface NumberUpdate {
  name?: string;
  time_zone?: string;
  language?: string;
  messages?: Partial<Record<MessageSlot, string | null>>;
}

function checkUpdate(body: Record<string, unknown>, flavor: Flavor): NumberUpdate {
  const update: NumberUpdate = {};
  for (const field of flavor === 'aircall' ? (['name', 'time_zone'] as const) : (['name', 'time_zone', 'language'] as const)) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, `Invalid ${field}`, `${field} must be a non-empty string`);
    update[field] = value;
  }
  if (update.time_zone !== undefined && !validTimeZone(update.time_zone)) {
    throw new HttpError(400, 'Invalid time_zone', `"${update.time_zone}" is not an IANA time zone`);
  }
  if (body['messages'] !== undefined) {
    const messages = body['messages'];
    if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) throw new HttpError(400, 'Invalid messages', 'messages must be an object');
    update.messages = {};
    for (const [slot, value] of Object.entries(messages)) {
      if (!(MESSAGE_SLOTS as readonly string[]).includes(slot)) throw new HttpError(400, 'Invalid messages', `unknown message "${slot}" (known: ${MESSAGE_SLOTS.join(', ')})`);
      if (value !== null && (typeof value !== 'string' || !((flavor !== 'aircall' && SHA256.test(value)) || /^https?:\/\//.test(value)))) {
        throw new HttpError(400, 'Invalid messages', `${slot} must be an http(s) URL${flavor === 'aircall' ? '' : ', an asset sha256'} or null`);
      }
      update.messages[slot as MessageSlot] = value as string | null;
    }
  }
  return update;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
