/**
 * Plan and apply of 1,000 numbers against a real sandbox server on loopback: wall time and
 * HTTP requests (counted at `fetch`). Targets (issue #5): plan = list pages + one read per
 * number; a one-number change applies in ≤ 4 writes plus uploads of new audio only.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import { silentLogger } from '../src/logging.js';
import { startSandbox } from '../src/sandbox/server.js';
import { seedFromConfig, seedStore } from '../src/sandbox/seed.js';

const COUNT = 1000;

function numberFile(i: number, greeting: string): string {
  return `number: "+3319${String(i).padStart(7, '0')}"
name: Line ${i}
timezone: Europe/Paris
language: fr-FR
flow:
  start: greeting
  steps:
    greeting: { type: message, message: { tts: "${greeting} ${i}" }, next: menu }
    menu:
      type: ivr
      prompt: { tts: "Pour les ventes, tapez 1. Pour le support, tapez 2." }
      options: { "1": sales, "2": support }
      no_input: voicemail
      invalid_input: voicemail
    sales: { type: ring, to: { team: Sales }, unanswered: voicemail }
    support: { type: ring, to: { team: Support }, unanswered: voicemail }
    voicemail: { type: voicemail, message: { tts: "Laissez un message." } }
`;
}

export async function run(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-bench-apply-'));
  await mkdir(join(root, 'config', 'numbers'), { recursive: true });
  await Promise.all(Array.from({ length: COUNT }, (_, i) => writeFile(join(root, 'config', 'numbers', `n${i}.yaml`), numberFile(i, 'Bonjour'))));
  const server = await startSandbox({ dataDir: join(root, 'data'), port: 0, credentials: { id: 'sandbox', token: 'sandbox' }, logger: silentLogger(), rateLimit: 1_000_000 });
  await seedStore(server.store, await seedFromConfig(root));

  const counts = new Map<string, number>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    counts.set(method, (counts.get(method) ?? 0) + 1);
    return realFetch(input, init);
  }) as typeof fetch;
  const io: CliIo = { stdout: () => {}, stderr: (t) => process.stderr.write(`${t}\n`), cwd: root, env: { CALLFLOW_PROVIDER_URL: server.url, CALLFLOW_LOG_LEVEL: 'silent' }, isTTY: false };
  const measure = async (label: string, argv: string[]) => {
    counts.clear();
    const start = performance.now();
    const code = await main(argv, io);
    const ms = performance.now() - start;
    const requests = [...counts.entries()].map(([m, n]) => `${m} ${n}`).join(', ');
    console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  exit ${code}  requests: ${requests || 'none'}`);
  };
  try {
    await measure(`plan, ${COUNT} new flows`, ['plan']);
    await measure(`apply --doit, ${COUNT} new flows`, ['apply', '--doit', '--force']);
    await measure(`plan, ${COUNT} in sync`, ['plan']);
    const one = join(root, 'config', 'numbers', 'n7.yaml');
    await writeFile(one, (await readFile(one, 'utf8')).replace('Bonjour 7', 'Salut 7'));
    await measure('apply --doit, one number changed', ['apply', '--doit']);
  } finally {
    globalThis.fetch = realFetch;
    await server.close();
  }
}
