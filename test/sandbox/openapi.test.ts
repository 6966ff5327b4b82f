/**
 * The sandbox against its OpenAPI document (src/sandbox/openapi.yaml): every operation is
 * called, every answer's status must be documented for it and its JSON body must match the
 * documented schema; and every documented operation must have been exercised.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { startTestSandbox, type TestSandbox } from './helpers.js';

type Json = Record<string, unknown>;
const SPEC_PATH = fileURLToPath(new URL('../../src/sandbox/openapi.yaml', import.meta.url));
const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Json;

function deref(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deref);
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as Json)['$ref'];
  if (typeof ref === 'string') {
    const target = ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Json)[key], spec);
    return deref(target);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v)]));
}

interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, Json>;
}

const operations: Operation[] = Object.entries(spec['paths'] as Json).flatMap(([template, item]) =>
  Object.entries(deref(item) as Json)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'head'].includes(method))
    .map(([method, op]) => ({
      id: (op as Json)['operationId'] as string,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      responses: (op as Json)['responses'] as Record<string, Json>,
    })),
);

describe('sandbox API conforms to openapi.yaml', () => {
  let t: TestSandbox;
  const exercised = new Set<string>();
  const auth = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;

  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());

  async function call(method: string, path: string, init: { json?: unknown; body?: Uint8Array; headers?: Record<string, string>; auth?: boolean } = {}) {
    const origin = t.sandbox.url.replace(/\/v1$/, '');
    const headers: Record<string, string> = { ...(init.auth === false ? {} : { authorization: auth }), ...init.headers };
    let body: Uint8Array | string | undefined = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${origin}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const op = operations.find((o) => o.method === method && o.pattern.test(path.split('?')[0]!));
    expect(op, `${method} ${path} is documented`).toBeDefined();
    const documented = op!.responses[String(response.status)];
    expect(documented, `${op!.id}: status ${response.status} is documented`).toBeDefined();
    const type = response.headers.get('content-type') ?? '';
    const text = method === 'HEAD' ? '' : await response.text();
    const schema = ((documented!['content'] as Json | undefined)?.['application/json'] as Json | undefined)?.['schema'];
    if (schema && type.includes('json')) {
      const checked = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(JSON.parse(text));
      expect(checked.success, `${op!.id} ${response.status}: ${checked.error?.message}`).toBe(true);
    }
    if (init.auth !== false) expect(response.headers.get('x-aircallapi-limit')).toMatch(/^\d+$/);
    if (response.ok) exercised.add(op!.id);
    return { status: response.status, json: () => JSON.parse(text) as Json };
  }

  it('answers every documented operation as documented', async () => {
    expect((await call('GET', '/v1/ping', { auth: false })).status).toBe(401);
    expect((await call('GET', '/v1/ping')).status).toBe(200);
    const list = await call('GET', '/v1/numbers?per_page=1');
    const page = list.json() as { numbers: Array<{ id: number }>; meta: { next_page_link: string } };
    expect(page.meta.next_page_link).toMatch(/\/v1\/numbers\?page=2&per_page=1$/);
    expect((await call('GET', '/v1/numbers?page=0')).status).toBe(400);
    const id = page.numbers[0]!.id;
    expect((await call('GET', `/v1/numbers/${id}`)).status).toBe(200);
    expect((await call('GET', '/v1/numbers/424242')).status).toBe(404);
    expect((await call('PUT', `/v1/numbers/${id}`, { json: { name: 'Renamed', messages: { welcome: 'https://a.example/w.mp3' } } })).status).toBe(200);
    expect((await call('PUT', `/v1/numbers/${id}`, { json: { messages: { hold: 'x' } } })).status).toBe(400);
    expect((await call('GET', '/v1/users')).status).toBe(200);
    expect((await call('GET', '/v1/teams')).status).toBe(200);

    const flow = `/v1/callflow/numbers/${id}/flow`;
    expect((await call('GET', flow)).status).toBe(200);
    expect((await call('PUT', `${flow}/draft`, { json: { document: { a: 1 } } })).status).toBe(428);
    expect((await call('PUT', `${flow}/draft`, { json: { document: { a: 1 } }, headers: { 'if-match': '"0"' } })).status).toBe(201);
    expect((await call('PUT', `${flow}/draft`, { json: { document: { a: 1 } }, headers: { 'if-match': '"0"' } })).status).toBe(200);
    expect((await call('PUT', `${flow}/draft`, { json: { document: { a: 2 } }, headers: { 'if-match': '"0"' } })).status).toBe(412);
    expect((await call('POST', `${flow}/publish`, { json: { version: 1 } })).status).toBe(200);
    expect((await call('POST', `${flow}/publish`, { json: { version: 9 } })).status).toBe(404);
    expect((await call('GET', `${flow}/versions`)).status).toBe(200);
    expect((await call('GET', `${flow}/versions/1`)).status).toBe(200);
    expect((await call('GET', `${flow}/versions/2`)).status).toBe(404);

    const content = new TextEncoder().encode('mp3 bytes');
    const hash = createHash('sha256').update(content).digest('hex');
    const asset = `/v1/callflow/assets/${hash}`;
    expect((await call('HEAD', asset)).status).toBe(404);
    expect((await call('PUT', asset, { body: content, headers: { 'content-type': 'audio/mpeg' } })).status).toBe(201);
    expect((await call('PUT', asset, { body: content, headers: { 'content-type': 'audio/mpeg' } })).status).toBe(200);
    expect((await call('PUT', asset, { body: new Uint8Array([1, 2]) })).status).toBe(422);
    expect((await call('HEAD', asset)).status).toBe(200);
    expect((await call('GET', asset)).status).toBe(200);

    const lock = '/v1/callflow/locks/apply';
    expect((await call('GET', lock)).status).toBe(404);
    expect((await call('PUT', lock, { json: { owner: 'ci #1', token: 'token-one', ttl_seconds: 60 } })).status).toBe(200);
    expect((await call('GET', lock)).status).toBe(200);
    expect((await call('PUT', lock, { json: { owner: 'ci #2', token: 'token-two', ttl_seconds: 60 } })).status).toBe(409);
    expect((await call('DELETE', lock, { headers: { 'x-callflow-lock-token': 'token-two' } })).status).toBe(409);
    expect((await call('DELETE', lock, { headers: { 'x-callflow-lock-token': 'token-one' } })).status).toBe(204);

    expect([...exercised].sort()).toEqual(operations.map((o) => o.id).sort());
  });

  it('answers 429 with the rate-limit headers beyond the limit', async () => {
    // A clock that stands still: the three requests cannot straddle a window boundary.
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 59) + 999);
    const limited = await startTestSandbox({ rateLimit: 2, clock });
    try {
      const origin = limited.sandbox.url;
      const headers = { authorization: auth };
      const statuses = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i += 1) {
        last = await fetch(`${origin}/ping`, { headers });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last!.headers.get('x-aircallapi-remaining')).toBe('0');
      expect(Number(last!.headers.get('x-aircallapi-reset')) * 1000).toBe(Date.UTC(2026, 0, 5, 9, 1, 0));
    } finally {
      await limited.close();
    }
  });
});
