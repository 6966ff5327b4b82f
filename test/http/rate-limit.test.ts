/**
 * The client keeps within Aircall's budget (60 requests per minute) without drawing 429s,
 * and uses most of it. Server and client share a simulated clock: five minutes of traffic
 * run in milliseconds, and no assertion is about real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { HttpClient } from '../../src/providers/http/http-client.js';
import { RateLimitError } from '../../src/providers/errors.js';
import { silentLogger } from '../../src/logging.js';
import { startTestSandbox, CREDENTIALS, type TestSandbox } from '../sandbox/helpers.js';

let t: TestSandbox | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** fetch that records every status it sees. */
function countingFetch(statuses: number[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
}

function clientFor(url: string, clock: FakeClock, statuses: number[], extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({ baseUrl: url, credentials: CREDENTIALS, logger: silentLogger(), clock, fetch: countingFetch(statuses), rateLimit: { limit: 60, windowMs: 60_000 }, ...extra });
}

describe('client-side rate limiting at 60 requests per minute', () => {
  it.each([1, 8])('makes 300 calls (%i at a time) with zero 429s and at least 90 percent of the budget used', async (parallel) => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    t = await startTestSandbox({ rateLimit: 60, rateWindowMs: 60_000, clock });
    const statuses: number[] = [];
    const client = clientFor(t.sandbox.url, clock, statuses);
    const started = clock.now();
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < 300) {
        next += 1;
        await client.request({ method: 'GET', path: '/ping' });
      }
    }));
    const windows = Math.floor(clock.now() / 60_000) - Math.floor(started / 60_000) + 1;
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    expect(statuses).toHaveLength(300);
    expect(300 / (60 * windows)).toBeGreaterThanOrEqual(0.9);
  });

  it('waits out a 429 until X-AircallApi-Reset when another client spent the budget', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 30));
    t = await startTestSandbox({ rateLimit: 10, rateWindowMs: 60_000, clock });
    const statuses: number[] = [];
    const greedy = clientFor(t.sandbox.url, clock, [], { rateLimit: { limit: 10, windowMs: 60_000 } });
    for (let i = 0; i < 10; i += 1) await greedy.request({ method: 'GET', path: '/ping' });
    const late = clientFor(t.sandbox.url, clock, statuses, { rateLimit: { limit: 10, windowMs: 60_000 } });
    const response = await late.request({ method: 'GET', path: '/numbers' });
    expect(response.status).toBe(200);
    expect(statuses).toEqual([429, 200]);
    // It resumed at the reset (09:01:00), not before.
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 5, 9, 1, 0));
  });

  it('gives up with RateLimitError when the reset is further away than it may wait', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    t = await startTestSandbox({ rateLimit: 1, rateWindowMs: 3_600_000, clock });
    const client = clientFor(t.sandbox.url, clock, [], { maxRateLimitWaitMs: 60_000 });
    await client.request({ method: 'GET', path: '/ping' });
    const other = clientFor(t.sandbox.url, clock, [], { maxRateLimitWaitMs: 60_000 });
    await expect(other.request({ method: 'GET', path: '/ping' })).rejects.toBeInstanceOf(RateLimitError);
  });
});
