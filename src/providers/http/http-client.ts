/**
 * The one HTTP core both providers use (Node's fetch): Basic auth, timeouts, retries with
 * jitter for 5xx and network errors on idempotent calls, 429s waited out until
 * `X-AircallApi-Reset`, a client-side rate limiter, and typed errors. Credentials live only in
 * the Authorization header it builds; URLs, logs and error messages never carry them.
 */
import type { Logger } from 'pino';
import { AuthError, LockLostError, NotFoundError, ProviderError, RateLimitError, StaleVersionError } from '../errors.js';
import { systemClock, type Clock } from '../../clock.js';
import { RateLimiter, type RateLimit } from './rate-limiter.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { networkReason as fetchFailure, networkWords } from '../../report/network-failure.js';

export interface Credentials {
  id: string;
  token: string;
}

export interface HttpClientOptions {
  /** API base including the version segment, e.g. `https://api.aircall.io/v1`. */
  baseUrl: string;
  credentials: Credentials;
  logger: Logger;
  timeoutMs?: number;
  /** Extra attempts after a 5xx or network error on an idempotent call. */
  retries?: number;
  /** How many 429s in a row to wait out before giving up. */
  rateLimitRetries?: number;
  /** Longest wait for a rate-limit reset; beyond it the call fails with RateLimitError. */
  maxRateLimitWaitMs?: number;
  rateLimit?: RateLimit;
  clock?: Clock;
  random?: () => number;
  fetch?: typeof fetch;
  /** Headers every request carries at the moment it is sent (the sandbox's apply-lock token while a lock is held). */
  headers?: () => Record<string, string>;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  /** Relative to the base URL (`/numbers/1`), or an absolute URL on the same origin (pagination links). */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Safe to repeat after a failure whose effect is unknown; default: GET/HEAD/PUT/DELETE. */
  idempotent?: boolean;
  /** Statuses returned as data instead of thrown (e.g. 404 for HEAD probes). */
  accept?: number[];
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export class HttpClient {
  private readonly base: URL;
  private readonly authorization: string;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly rateLimitRetries: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly logger: Logger;
  private readonly headers: () => Record<string, string>;

  constructor(options: HttpClientOptions) {
    this.base = parseBase(options.baseUrl);
    this.authorization = `Basic ${Buffer.from(`${options.credentials.id}:${options.credentials.token}`).toString('base64')}`;
    this.clock = options.clock ?? systemClock;
    this.limiter = new RateLimiter(options.rateLimit ?? { limit: 60, windowMs: 60_000 }, this.clock);
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 3;
    this.rateLimitRetries = options.rateLimitRetries ?? 5;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 120_000;
    this.logger = options.logger;
    this.headers = options.headers ?? (() => ({}));
  }

  /** Base URL without credentials, for messages. */
  get baseUrl(): string {
    return this.base.href.replace(/\/$/, '');
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.resolve(request);
    const idempotent = request.idempotent ?? IDEMPOTENT.has(request.method);
    const label = `${request.method} ${url.pathname}`;
    let failures = 0;
    let throttled = 0;
    for (;;) {
      const done = await this.limiter.acquire();
      const started = this.clock.now();
      let response: Response;
      try {
        response = await this.fetchImpl(url, this.init(request));
      } catch (error) {
        done();
        const reason = networkReason(error, this.timeoutMs);
        if (idempotent && failures < this.retries) {
          failures += 1;
          await this.backoff(label, failures, reason);
          continue;
        }
        throw new ProviderError(unreachable(this.base.origin, label, error, this.timeoutMs));
      }
      done();
      const limits = readRateLimitHeaders(response.headers);
      this.limiter.observe(limits);
      this.logger.debug({ method: request.method, path: url.pathname, status: response.status, ms: this.clock.now() - started }, 'http');

      if (response.status === 429) {
        await response.body?.cancel();
        // The server refused before doing anything, so any method may be repeated.
        const wait = (limits.resetAt ?? this.clock.now() + 1000 * 2 ** throttled) - this.clock.now();
        if (throttled >= this.rateLimitRetries || wait > this.maxRateLimitWaitMs) {
          throw new RateLimitError(`${label}: rate limit reached (429); the budget resets ${limits.resetAt ? new Date(limits.resetAt).toISOString() : 'later'}`, 429);
        }
        throttled += 1;
        this.limiter.blockUntil(this.clock.now() + Math.max(wait, 0) + 50 * this.random());
        this.logger.warn({ path: url.pathname, waitMs: Math.round(wait) }, 'rate limited; waiting for the reset');
        continue;
      }
      if (response.status >= 500 && idempotent && failures < this.retries) {
        await response.body?.cancel();
        failures += 1;
        await this.backoff(label, failures, `HTTP ${response.status}`);
        continue;
      }
      const body = await readBody(response, request.method);
      if (response.ok || request.accept?.includes(response.status)) return { status: response.status, headers: response.headers, body: body as T };
      throw errorFor(label, response.status, body);
    }
  }

  private resolve(request: HttpRequest): URL {
    const url = /^https?:\/\//.test(request.path)
      ? new URL(request.path)
      : new URL(`${this.base.pathname.replace(/\/$/, '')}${request.path}`, this.base);
    // Never send our credentials to another host, whatever a pagination link says.
    if (url.origin !== this.base.origin) throw new ProviderError(`refusing to follow a link to another host: ${url.origin}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private init(request: HttpRequest): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authorization, ...this.headers(), ...request.headers };
    let body: RequestInit['body'];
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.body) {
      headers['content-type'] ??= 'application/octet-stream';
      body = request.body;
    }
    return { method: request.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) };
  }

  /** Full jitter: a random wait up to an exponentially growing cap. */
  private async backoff(label: string, attempt: number, reason: string): Promise<void> {
    const wait = this.random() * Math.min(5000, 200 * 2 ** attempt);
    this.logger.info({ attempt, waitMs: Math.round(wait), reason }, `retrying ${label}`);
    await this.clock.sleep(wait);
  }
}

function parseBase(baseUrl: string): URL {
  const url = new URL(baseUrl);
  // Credentials in a URL would end up in messages and logs: refuse them.
  if (url.username || url.password) throw new ProviderError('the API URL must not contain credentials; use the environment variables');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

async function readBody(response: Response, method: string): Promise<unknown> {
  if (method === 'HEAD' || response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/')) return response.text();
  return new Uint8Array(await response.arrayBuffer());
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (timedOut(error)) return `no answer within ${timeoutMs} ms`;
  return fetchFailure(error);
}

function timedOut(error: unknown): boolean {
  const { name } = error as { name?: string };
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * The last network failure of a call, naming where it went: the origin only, which the base
 * URL's check keeps free of credentials (a query string never reaches it).
 */
function unreachable(origin: string, label: string, error: unknown, timeoutMs: number): string {
  if (timedOut(error)) return `no answer from the provider at ${origin} within ${timeoutMs} ms: ${label}`;
  const reason = networkReason(error, timeoutMs);
  return `cannot reach the provider at ${origin} (${networkWords(reason)}): ${label}`;
}

/** Aircall's errors are `{ error, troubleshoot }`; ours follow the same shape. */
function errorFor(label: string, status: number, body: unknown): ProviderError {
  const detail = typeof body === 'object' && body !== null
    ? [(body as Record<string, unknown>)['error'], (body as Record<string, unknown>)['troubleshoot']].filter((part) => typeof part === 'string').join(': ')
    : typeof body === 'string' ? body.slice(0, 200) : '';
  const message = `${label}: HTTP ${status}${detail ? ` ${detail}` : ''}`;
  if (status === 401 || status === 403) return new AuthError(`${message} (check the API id and token environment variables)`, status);
  if (status === 404) return new NotFoundError(message, status);
  if (status === 412) return new StaleVersionError(message, status);
  if (status === 409 && typeof body === 'object' && body !== null && (body as Record<string, unknown>)['error'] === 'Lock lost') return new LockLostError(message, status);
  if (status === 429) return new RateLimitError(message, status);
  return new ProviderError(message, status);
}
