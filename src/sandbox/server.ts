/**
 * The embedded telephony API: a real HTTP server (node:http) shaped like Aircall's public API
 * v1, plus our Smartflow, asset and lock endpoints (documented in openapi.yaml). Each request
 * goes: Basic auth (401) → rate limit (429, headers on every answer) → injected faults → route.
 */
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import { RATE_LIMIT_HEADERS } from '../providers/http/rate-limit-headers.js';
import { FaultInjector, type FaultSpec } from './faults.js';
import { HttpError, sendEmpty, sendJson } from './http-util.js';
import { RateWindow } from './rate-window.js';
import { Router } from './router.js';
import { numberRoutes } from './routes-numbers.js';
import { messageAudioFetcher, type FetchedAudio } from './message-audio.js';
import type { Flavor } from './present.js';
import { flowRoutes } from './routes-flows.js';
import { assetRoutes } from './routes-assets.js';
import { lockRoutes } from './routes-locks.js';
import { SandboxStore, StoreCorruptError } from './store.js';
import { damagedStoreAdvice } from './store-damage.js';
import { LockTimeoutError } from './file-lock.js';

export interface SandboxOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  credentials: { id: string; token: string };
  /** Requests per window (Aircall: 60 per minute). */
  rateLimit?: number;
  rateWindowMs?: number;
  faults?: FaultSpec;
  clock?: Clock;
  logger: Logger;
  /**
   * `callflow` (default): Aircall's shape plus Smartflow, asset and lock endpoints. `aircall`:
   * only what Aircall's public API serves (formatted digits, `per_page` ≤ 50, message URLs
   * downloaded and refused unless a usable mp3), for testing the aircall provider.
   */
  flavor?: Flavor;
  /** How the `aircall` flavor downloads message URLs (the global fetch unless given). */
  fetch?: typeof fetch;
  /** Told of every answered request, e.g. to count what a command costs the API. */
  onRequest?: (request: { method: string; path: string; status: number }) => void;
}

export interface RunningSandbox {
  /** API base including `/v1`, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  store: SandboxStore;
  flavor: Flavor;
  /** Every message URL the `aircall` flavor downloaded, in order. */
  fetchedAudio: readonly FetchedAudio[];
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = 60;

/** Sandbox credentials: `sandbox` / `sandbox` unless SANDBOX_API_ID / SANDBOX_API_TOKEN say otherwise. */
export function sandboxCredentials(env: NodeJS.ProcessEnv): { id: string; token: string } {
  return { id: env['SANDBOX_API_ID'] || 'sandbox', token: env['SANDBOX_API_TOKEN'] || 'sandbox' };
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const store = await SandboxStore.open(options.dataDir);
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ component: 'sandbox' });
  const router = new Router();
  const flavor = options.flavor ?? 'callflow';
  const audio = flavor === 'aircall' ? messageAudioFetcher(options.fetch) : undefined;
  numberRoutes(router, { flavor, ...(audio ? { audio } : {}) });
  if (flavor === 'callflow') {
    flowRoutes(router);
    assetRoutes(router);
    lockRoutes(router);
  }
  const window = new RateWindow(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.rateWindowMs ?? 60_000, clock);
  const faults = options.faults ? new FaultInjector(options.faults) : undefined;
  const expected = Buffer.from(`Basic ${Buffer.from(`${options.credentials.id}:${options.credentials.token}`).toString('base64')}`);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error', troubleshoot: 'see the sandbox log' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = new URL(req.url ?? '/', origin);
    res.on('finish', () => {
      options.onRequest?.({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode });
      logger.debug({ method: req.method, path: url.pathname, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    try {
      if (!authorized(req.headers.authorization, expected)) {
        throw new HttpError(401, 'Unauthorized', 'use Basic auth with the sandbox api_id and api_token', { 'www-authenticate': 'Basic realm="sandbox"' });
      }
      const decision = window.take();
      const limitHeaders = {
        [RATE_LIMIT_HEADERS.limit]: String(decision.limit),
        [RATE_LIMIT_HEADERS.remaining]: String(decision.remaining),
        [RATE_LIMIT_HEADERS.reset]: String(Math.ceil(decision.resetAt / 1000)),
      };
      for (const [name, value] of Object.entries(limitHeaders)) res.setHeader(name, value);
      if (!decision.allowed) throw new HttpError(429, 'Too many requests', `the limit is ${decision.limit} requests per window; wait until X-AircallApi-Reset`);
      const fault = faults?.draw();
      if (fault) {
        if (fault.delayMs > 0) await clock.sleep(fault.delayMs);
        if (fault.status !== undefined) throw new HttpError(fault.status, 'Injected fault', 'the sandbox was started with --faults');
      }
      if (fault?.loseAnswer) return await handleAndLoseAnswer(req, res, url, origin);
      await route(req, res, url, origin);
    } catch (error) {
      // Drain what the client sent, so keep-alive connections stay usable after an error.
      req.resume();
      if (error instanceof HttpError) {
        if (req.method === 'HEAD') return sendEmpty(res, error.status, error.headers);
        return sendJson(res, error.status, { error: error.message, ...(error.troubleshoot ? { troubleshoot: error.troubleshoot } : {}), ...error.details }, error.headers);
      }
      if (error instanceof LockTimeoutError) return sendJson(res, 503, { error: 'Store busy', troubleshoot: error.message }, { 'retry-after': '1' });
      if (error instanceof StoreCorruptError) return sendJson(res, 500, { error: 'Store damaged', troubleshoot: damagedStoreAdvice(error) });
      throw error;
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    const found = router.match(req.method ?? 'GET', url.pathname);
    if (!found) throw new HttpError(404, 'Not found', `no route ${url.pathname}`);
    if ('allowed' in found) throw new HttpError(405, 'Method not allowed', `use ${found.allowed.join(', ')}`, { allow: found.allowed.join(', ') });
    await found.handler({ req, res, url, params: found.params, store, clock, origin });
  }

  /** The request takes effect (its answer goes to a response no socket carries), then the connection is cut. */
  async function handleAndLoseAnswer(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    await route(req, new ServerResponse(req), url, origin).catch(() => undefined);
    res.socket?.destroy();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info({ port: address.port, dataDir: options.dataDir, flavor }, 'sandbox listening');
  return {
    url: `http://${host}:${address.port}/v1`,
    port: address.port,
    store,
    flavor,
    fetchedAudio: audio?.fetched ?? [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  if (!header) return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
