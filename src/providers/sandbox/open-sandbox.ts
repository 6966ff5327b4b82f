/**
 * The sandbox provider: a running sandbox at the configured URL, or — with no URL — one started
 * in-process on ROOT/.callflow/sandbox/ and provisioned from the loaded config, so a fresh
 * clone works with no server and no secrets; a number added to config later is provisioned
 * there too, as if bought (users and teams only the first time). close() stops it.
 */
import { join } from 'node:path';
import { startSandbox, sandboxCredentials } from '../../sandbox/server.js';
import { isPristine, seedFromRepo, seedStore } from '../../sandbox/seed.js';
import { StoreCorruptError } from '../../sandbox/store.js';
import { damagedStoreAdvice } from '../../sandbox/store-damage.js';
import { provisionNewNumbers } from '../../sandbox/provision.js';
import { ProviderError } from '../errors.js';
import type { TelephonyProvider } from '../provider.js';
import type { ProviderContext } from '../context.js';
import { SandboxProvider } from './sandbox-provider.js';

/** The in-process sandbox is ours alone: a budget that never slows a command down. */
const IN_PROCESS_RATE_LIMIT = 1_000_000;

/** A sandbox server of its own only provisions numbers when started with a seed. */
const SANDBOX_AT_URL_HINT =
  'in the sandbox, provision it as if bought: restart `callflow sandbox --seed-config ROOT` on an empty --data dir, or drop provider.url to use the in-process sandbox, which provisions numbers added to config by itself';

export function sandboxDataDir(root: string): string {
  return join(root, '.callflow', 'sandbox');
}

export async function openSandbox(context: ProviderContext): Promise<TelephonyProvider> {
  const credentials = sandboxCredentials(context.env);
  if (context.url) return new SandboxProvider({ ...context.http, baseUrl: context.url, credentials, logger: context.logger }, undefined, SANDBOX_AT_URL_HINT);
  const server = await startSandbox({ dataDir: sandboxDataDir(context.root), credentials, logger: context.logger, rateLimit: IN_PROCESS_RATE_LIMIT }).catch((error: unknown) => {
    if (error instanceof StoreCorruptError) throw new ProviderError(`the embedded sandbox cannot start: ${damagedStoreAdvice(error)}`);
    throw error;
  });
  try {
    if (context.repo && isPristine(await server.store.read())) {
      const result = await seedStore(server.store, seedFromRepo(context.repo));
      if (result.seeded) context.logger.info({ component: 'sandbox', ...result }, 'provisioned the sandbox from the repo config');
    } else if (context.repo) {
      const numbers = await provisionNewNumbers(server.store, seedFromRepo(context.repo));
      if (numbers.length) context.logger.info({ component: 'sandbox', numbers }, 'provisioned numbers added to the config, as if bought');
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  return new SandboxProvider(
    { rateLimit: { limit: IN_PROCESS_RATE_LIMIT, windowMs: 60_000 }, ...context.http, baseUrl: server.url, credentials, logger: context.logger },
    () => server.close(),
    undefined,
    // Its port changes from run to run; its store does not.
    'sandbox (in-process, .callflow/sandbox/)',
  );
}
