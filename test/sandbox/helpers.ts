import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src/logging.js';
import { seedStore, type Seed } from '../../src/sandbox/seed.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import type { HttpClientOptions } from '../../src/providers/http/http-client.js';

export const CREDENTIALS = { id: 'sandbox', token: 'sandbox' };

export const SEED: Seed = {
  numbers: [
    { digits: '+33176360000', name: 'Support France', timezone: 'Europe/Paris', language: 'fr-FR' },
    { digits: '+12125550142', name: 'Sales US', timezone: 'America/New_York', language: 'en-US' },
  ],
  users: [{ name: 'Dana Whitfield' }, { name: 'Léa Martin', email: 'lea@example.com' }],
  teams: [{ name: 'Sales', users: ['Dana Whitfield'] }, { name: 'Support N1', users: [] }],
};

const created: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs` (call it in afterAll). */
export async function tempDir(prefix = 'callflow-sandbox-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  dir: string;
  provider(options?: Partial<HttpClientOptions>): SandboxProvider;
  close(): Promise<void>;
}

/** A real sandbox server on 127.0.0.1 port 0 with a fresh data dir, seeded. */
export async function startTestSandbox(options: Partial<SandboxOptions> & { seed?: Seed } = {}): Promise<TestSandbox> {
  const dir = options.dataDir ?? (await tempDir());
  const sandbox = await startSandbox({ credentials: CREDENTIALS, logger: silentLogger(), rateLimit: 100_000, ...options, dataDir: dir });
  await seedStore(sandbox.store, options.seed ?? SEED);
  const providers: SandboxProvider[] = [];
  return {
    sandbox,
    dir,
    provider(extra = {}) {
      const provider = new SandboxProvider({
        baseUrl: sandbox.url,
        credentials: CREDENTIALS,
        logger: silentLogger(),
        rateLimit: { limit: 100_000, windowMs: 60_000 },
        ...extra,
      });
      providers.push(provider);
      return provider;
    },
    async close() {
      await Promise.all(providers.map((p) => p.close()));
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const CHILD_SANDBOX = fileURLToPath(new URL('./child-sandbox.ts', import.meta.url));

/** A sandbox in a child process (so a test can SIGKILL it); resolves once it listens. `children` collects it for cleanup. */
export function startChildSandbox(args: string[], children: ChildProcess[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SANDBOX, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (\S+)/.exec(out);
      if (found) resolve({ child, url: found[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox child exited (${code}) before listening: ${err}`)));
  });
}
