/**
 * Requests per second of the sandbox server and of the provider client on this box:
 * raw fetch against the server (server cost alone), the provider's reads (client stack:
 * limiter, retries, parsing) sequential and concurrent, and durable writes (fsync-bound).
 * The rate limit is lifted so the figures measure the code, not the budget.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging.js';
import { SandboxProvider } from '../src/providers/sandbox/sandbox-provider.js';
import { seedStore } from '../src/sandbox/seed.js';
import { startSandbox } from '../src/sandbox/server.js';

const CREDENTIALS = { id: 'sandbox', token: 'sandbox' };
const UNLIMITED = 1_000_000_000;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-bench-sandbox-'));
  const sandbox = await startSandbox({ dataDir: dir, credentials: CREDENTIALS, logger: silentLogger(), rateLimit: UNLIMITED });
  try {
    const numbers = Array.from({ length: 200 }, (_, i) => ({ digits: `+3317636${String(i).padStart(4, '0')}`, name: `Line ${i}`, timezone: 'Europe/Paris' }));
    await seedStore(sandbox.store, { numbers, users: [{ name: 'Ann' }], teams: [{ name: 'Ops', users: ['Ann'] }] });
    const provider = new SandboxProvider({ baseUrl: sandbox.url, credentials: CREDENTIALS, logger: silentLogger(), rateLimit: { limit: UNLIMITED, windowMs: 60_000 } });
    const ids = (await provider.listNumbers()).map((n) => n.id);
    const auth = { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` };

    await report('server: GET /v1/ping (raw fetch)', 4000, 16, () => fetch(`${sandbox.url}/ping`, { headers: auth }).then((r) => r.arrayBuffer()));
    await report('server: GET /v1/numbers/:id (raw fetch)', 4000, 16, (i) => fetch(`${sandbox.url}/numbers/${ids[i % ids.length]}`, { headers: auth }).then((r) => r.arrayBuffer()));
    await report('client: readNumber (2 requests each), sequential', 500, 1, (i) => provider.readNumber(ids[i % ids.length]!), 2);
    await report('client: readNumber (2 requests each), 8 at a time', 2000, 8, (i) => provider.readNumber(ids[i % ids.length]!), 2);
    await report('client: listNumbers (200 numbers, 4 pages)', 100, 4, () => provider.listNumbers(), 4);
    const versions = new Map<string, number>();
    await report('client: writeDraft (durable write + fsync), sequential', 200, 1, async (i) => {
      const id = ids[i % ids.length]!;
      const version = await provider.flows!.writeDraft(id, { step: i }, versions.get(id) ?? 0);
      versions.set(id, version.version);
    });
    await report('client: uploadAudio 100 KB (new content), 4 at a time', 200, 4, (i) => {
      const content = Buffer.alloc(100_000, i % 251);
      content.writeUInt32BE(i, 0);
      return provider.assets!.upload(content, createHash('sha256').update(content).digest('hex'));
    });
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function report(name: string, calls: number, concurrency: number, call: (i: number) => Promise<unknown>, requestsPerCall = 1): Promise<void> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < calls) await call(next++);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = (calls * requestsPerCall) / seconds;
  console.log(`${name}: ${calls} calls in ${seconds.toFixed(2)} s = ${(calls / seconds).toFixed(0)} calls/s, ${perSecond.toFixed(0)} requests/s`);
}
