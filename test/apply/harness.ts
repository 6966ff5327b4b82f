import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { silentLogger } from '../../src/logging.js';
import { openProvider } from '../../src/providers/registry.js';
import type { TelephonyProvider } from '../../src/providers/provider.js';
import { settingsFile } from '../../src/config/schema/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { isPristine, seedFromConfig, seedStore } from '../../src/sandbox/seed.js';
import type { FaultSpec } from '../../src/sandbox/faults.js';

export const EXAMPLE_ROOT = join(import.meta.dirname, '..', '..');

/** A throwaway copy of the example repo (config + audio). */
export async function copyExampleRepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-apply-'));
  await cp(join(EXAMPLE_ROOT, 'config'), join(root, 'config'), { recursive: true });
  await cp(join(EXAMPLE_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
  return root;
}

/** A real sandbox server on a free loopback port, seeded from ROOT's config like `sandbox --seed-config`. */
export async function startSeededSandbox(
  root: string,
  options: { faults?: FaultSpec; dataDir?: string; rateWindowMs?: number } = {},
): Promise<RunningSandbox> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'callflow-sandbox-')));
  const server = await startSandbox({
    dataDir,
    port: 0,
    credentials: { id: 'sandbox', token: 'sandbox' },
    logger: silentLogger(),
    rateLimit: 100_000,
    ...(options.rateWindowMs ? { rateWindowMs: options.rateWindowMs } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  // Seeding only provisions an empty store, so reopening a data dir keeps its state.
  if (isPristine(await server.store.read())) await seedStore(server.store, await seedFromConfig(root));
  return server;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against `server`; `--env NAME=VALUE` pairs in argv set extra variables. */
export async function callflow(root: string, server: RunningSandbox, ...args: string[]): Promise<Run> {
  const extraEnv: Record<string, string> = {};
  const argv: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--env') {
      const [name, value] = args[++i]!.split('=', 2) as [string, string];
      extraEnv[name] = value;
    } else argv.push(args[i]!);
  }
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: root,
    env: { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: server.url, CALLFLOW_LOG_LEVEL: 'silent', ...extraEnv },
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A provider client on the same server (no faults on this side: tests read through it). */
export async function clientFor(root: string, server: RunningSandbox): Promise<TelephonyProvider> {
  return openProvider({ root, settings: settingsFile.parse({}), env: { CALLFLOW_PROVIDER_URL: server.url }, logger: silentLogger() });
}

export async function editFile(path: string, edit: (text: string) => string): Promise<void> {
  await writeFile(path, edit(await readFile(path, 'utf8')));
}
