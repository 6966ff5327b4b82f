import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { HttpClient } from '../../src/providers/http/http-client.js';
import { fetchAllPages } from '../../src/providers/http/paginate.js';
import { ProviderError } from '../../src/providers/errors.js';
import { silentLogger } from '../../src/logging.js';
import { FaultInjector, parseFaults, type FaultSpec } from '../../src/sandbox/faults.js';
import { CREDENTIALS, startTestSandbox, type TestSandbox } from '../sandbox/helpers.js';

let t: TestSandbox | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  await new Promise((resolve) => (raw ? raw.close(resolve) : resolve(undefined)));
  raw = undefined;
});

function client(url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({ baseUrl: url, credentials: CREDENTIALS, logger: silentLogger(), clock: new FakeClock(), rateLimit: { limit: 100_000, windowMs: 60_000 }, ...extra });
}

/** A bare server answering with a script of statuses, counting what it receives. */
async function scripted(statuses: number[], delayMs = 0): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  raw = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const status = statuses.shift() ?? 200;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { ok: true } : { error: 'Boom', troubleshoot: 'scripted' }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(raw!.address() as AddressInfo).port}/v1`, seen };
}

describe('HttpClient', () => {
  it('retries an idempotent call after 5xx answers, then succeeds', async () => {
    const server = await scripted([503, 500]);
    const response = await client(server.url).request({ method: 'GET', path: '/numbers' });
    expect(response.status).toBe(200);
    expect(server.seen).toEqual(['GET /v1/numbers', 'GET /v1/numbers', 'GET /v1/numbers']);
  });

  it('does not repeat a non-idempotent call whose effect is unknown', async () => {
    const server = await scripted([500]);
    const error = await client(server.url).request({ method: 'POST', path: '/things', json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(500);
    expect((error as Error).message).toBe('POST /v1/things: HTTP 500 Boom: scripted');
    expect(server.seen).toHaveLength(1);
  });

  it('gives up after its retries with the last status', async () => {
    const server = await scripted([502, 502, 502, 502, 502]);
    await expect(client(server.url, { retries: 2 }).request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 502 });
    expect(server.seen).toHaveLength(3);
  });

  it('times out a server that does not answer', async () => {
    const server = await scripted([200], 2000);
    const error = await client(server.url, { timeoutMs: 50, retries: 0 }).request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`no answer from the provider at ${new URL(server.url).origin} within 50 ms: GET /v1/slow`);
  });

  it('never follows a pagination link to another host (it would carry our credentials)', async () => {
    const server = await scripted([]);
    await expect(client(server.url).request({ method: 'GET', path: 'https://evil.example.com/v1/numbers?page=2' })).rejects.toThrow(/another host/);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses an API URL with credentials in it', () => {
    expect(() => client('https://id:secret@api.example.com/v1')).toThrow(/must not contain credentials/);
  });

  it('rides through injected faults on reads, reproducibly', async () => {
    const run = async () => {
      t = await startTestSandbox({ faults: parseFaults('rate=0.3,status=500|503,seed=42') });
      const statuses: number[] = [];
      const c = client(t.sandbox.url, { retries: 6, fetch: async (i, init) => { const r = await fetch(i, init); statuses.push(r.status); return r; } });
      for (let i = 0; i < 40; i += 1) expect((await c.request({ method: 'GET', path: '/ping' })).status).toBe(200);
      await t.close();
      t = undefined;
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(5);
    expect(await run()).toEqual(first);
  });

  it('collects every page of a list', async () => {
    const numbers = Array.from({ length: 51 }, (_, i) => ({ digits: `+3317000${String(i).padStart(4, '0')}`, name: `N${i}`, timezone: 'Europe/Paris' }));
    t = await startTestSandbox({ seed: { numbers, users: [], teams: [] } });
    const all = await fetchAllPages<{ name: string }>(client(t.sandbox.url), '/numbers', 'numbers', { per_page: 20 });
    expect(all.map((n) => n.name)).toEqual(numbers.map((n) => n.name));
  });
});

describe('fault specs', () => {
  it('parses rate, statuses, latency and seed, and rejects nonsense', () => {
    expect(parseFaults('rate=0.2,status=500|503|429,latency_ms=300,seed=7')).toEqual({ rate: 0.2, statuses: [500, 503, 429], latencyMs: 300, seed: 7 });
    expect(parseFaults('rate=0.1')).toMatchObject({ statuses: [500] });
    expect(() => parseFaults('rate=2')).toThrow(/between 0 and 1/);
    expect(() => parseFaults('status=200')).toThrow(/error codes/);
    expect(() => parseFaults('colour=blue')).toThrow(/unknown setting/);
  });

  it('parses lost answers alone or with failures, and keeps a seed\'s other faults when lost is added', () => {
    expect(parseFaults('lost=0.1,seed=3')).toEqual({ rate: 0, statuses: [], latencyMs: 0, seed: 3, lost: 0.1 });
    expect(() => parseFaults('lost=1.5')).toThrow(/lost must be between 0 and 1/);
    const draws = (spec: FaultSpec) => {
      const injector = new FaultInjector(spec);
      return Array.from({ length: 200 }, () => injector.draw());
    };
    const failures = draws(parseFaults('rate=0.3,status=503,seed=9'));
    const both = draws(parseFaults('rate=0.3,status=503,seed=9,lost=0.5'));
    expect(both.map((f) => f?.status)).toEqual(failures.map((f) => f?.status));
    const lost = both.filter((f) => f?.loseAnswer).length;
    expect(lost).toBeGreaterThan(60);
    expect(lost).toBeLessThan(140);
  });
});
