import { resolve } from 'node:path';
import { createLogger } from '../logging.js';
import { parseFaults } from '../sandbox/faults.js';
import { parseSeed, seedFromConfig, seedStore, type Seed } from '../sandbox/seed.js';
import { DEFAULT_RATE_LIMIT, sandboxCredentials, startSandbox } from '../sandbox/server.js';
import { StoreCorruptError } from '../sandbox/store.js';
import { damagedStoreAdvice } from '../sandbox/store-damage.js';
import { sandboxDataDir } from '../providers/sandbox/open-sandbox.js';
import { CommandError, parseCommandArgs, UsageError } from './args.js';
import { readUserFile } from './files.js';
import { EXIT, type CliIo } from './io.js';
import { untilSignal } from './signals.js';
import { plural } from '../report/plural.js';

export const usage = `Usage: callflow sandbox [--port N] [--host H] [--data DIR] [--seed FILE | --seed-config ROOT]
                        [--rate-limit N] [--rate-window-ms MS] [--faults SPEC] [--flavor callflow|aircall]

Runs the embedded telephony API (Aircall public API v1 shape + Smartflow endpoints) until
interrupted. Credentials: sandbox / sandbox unless SANDBOX_API_ID / SANDBOX_API_TOKEN are set.
  --flavor F          callflow (default): with Smartflow, audio asset and lock endpoints;
                      aircall: only what Aircall's public API serves (formatted digits,
                      per_page at most 50, message URLs downloaded and refused unless a usable mp3)
  --port N            port to listen on (default 0: any free port, printed at start)
  --host H            address to bind (default 127.0.0.1)
  --data DIR          durable store (default ROOT/.callflow/sandbox)
  --seed FILE         provision an empty store from a YAML/JSON file:
                        numbers: [{ digits: "+33176360000", name, timezone, country?, language? }]
                        users: [{ name, email? }]   teams: [{ name, users: [names] }]
  --seed-config ROOT  provision an empty store with every number ROOT's config names and every
                      user and team its ring steps name
  --rate-limit N      requests per window before 429 (default ${DEFAULT_RATE_LIMIT})
  --rate-window-ms MS length of the rate-limit window (default 60000)
  --faults SPEC       fail or stall a share of requests, reproducibly:
                        rate=0.2,status=500|503|429,latency_ms=300,seed=7
                      lost=0.1: handle a share of requests, then cut the connection unanswered`;

export function run(argv: string[], io: CliIo): Promise<number> {
  return runSandbox(argv, io, untilSignal());
}

/** Serves until `stop` settles; tests pass their own promise instead of process signals. */
export async function runSandbox(argv: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    seed: { type: 'string' },
    'seed-config': { type: 'string' },
    'rate-limit': { type: 'string' },
    'rate-window-ms': { type: 'string' },
    faults: { type: 'string' },
    flavor: { type: 'string' },
  });
  const flavor = values.flavor ?? 'callflow';
  if (flavor !== 'callflow' && flavor !== 'aircall') throw new UsageError(`--flavor takes callflow or aircall (got "${flavor}")`);
  const root = resolve(io.cwd, values.root ?? '.');
  if (values.seed && values['seed-config']) throw new UsageError('use --seed or --seed-config, not both');
  let faults;
  try {
    faults = values.faults ? parseFaults(values.faults) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const seed = await loadSeed(values.seed, values['seed-config'], values.config, io.cwd);
  const logger = createLogger({ level: values['log-level'], env: io.env });
  const server = await startSandbox({
    dataDir: values.data ? resolve(io.cwd, values.data) : sandboxDataDir(root),
    port: integer(values.port, 'port', 0),
    host: values.host ?? '127.0.0.1',
    credentials: sandboxCredentials(io.env),
    rateLimit: integer(values['rate-limit'], 'rate-limit', DEFAULT_RATE_LIMIT),
    rateWindowMs: integer(values['rate-window-ms'], 'rate-window-ms', 60_000),
    ...(faults ? { faults } : {}),
    flavor,
    logger,
  }).catch((error: unknown) => {
    if (error instanceof StoreCorruptError) throw new CommandError(damagedStoreAdvice(error));
    throw error;
  });
  try {
    if (seed) {
      const result = await seedStore(server.store, seed);
      io.stdout(result.seeded
        ? `provisioned ${plural(result.numbers, 'number')}, ${plural(result.users, 'user')}, ${plural(result.teams, 'team')}`
        : 'store already provisioned: seed ignored');
    }
    io.stdout(`callflow sandbox${flavor === 'aircall' ? ' (aircall flavor)' : ''} listening on ${server.url} (data: ${server.store.dir})`);
    await stop;
  } finally {
    await server.close();
  }
  return EXIT.ok;
}

async function loadSeed(file: string | undefined, configRoot: string | undefined, configDir: string | undefined, cwd: string): Promise<Seed | undefined> {
  if (file) {
    const read = parseSeed(await readUserFile({ cwd }, file));
    if (!read.ok) throw new CommandError(`--seed ${file}: ${read.error}`);
    return read.seed;
  }
  if (configRoot) return seedFromConfig(resolve(cwd, configRoot), configDir ?? 'config');
  return undefined;
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (got "${value}")`);
  return n;
}
