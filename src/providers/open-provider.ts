/**
 * Picks and opens the provider a command talks to (SPEC §5): `provider.type` / `provider.url`
 * from config/callflow.yaml, overridden by CALLFLOW_PROVIDER / CALLFLOW_PROVIDER_URL. A
 * sandbox with no URL is started in-process on ROOT/.callflow/sandbox/ (seeded once from the
 * repo's config), so a fresh clone works with no server and no secrets; close() stops it.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Settings } from '../config/schema/index.js';
import type { HttpClientOptions } from '../http/http-client.js';
import { startSandbox, sandboxCredentials } from '../sandbox/server.js';
import { isPristine, seedFromConfig, seedStore } from '../sandbox/seed.js';
import { AIRCALL_API_URL, AircallProvider } from './aircall/aircall-provider.js';
import { AuthError, ProviderError } from './errors.js';
import type { TelephonyProvider } from './provider.js';
import { SandboxProvider } from './sandbox/sandbox-provider.js';

export interface OpenProviderOptions {
  root: string;
  configDir?: string;
  settings: Settings;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Tuning for tests and benches (clock, timeouts, retries, rate limit). */
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'credentials' | 'logger'>>;
}

/** The in-process sandbox is ours alone: a budget that never slows a command down. */
const IN_PROCESS_RATE_LIMIT = 1_000_000;

export function sandboxDataDir(root: string): string {
  return join(root, '.callflow', 'sandbox');
}

export async function openProvider(options: OpenProviderOptions): Promise<TelephonyProvider> {
  const { env, settings, logger } = options;
  const type = env['CALLFLOW_PROVIDER'] || settings.provider.type;
  const url = env['CALLFLOW_PROVIDER_URL'] || settings.provider.url;
  if (type === 'aircall') {
    const id = env['AIRCALL_API_ID'];
    const token = env['AIRCALL_API_TOKEN'];
    if (!id || !token) throw new AuthError('the aircall provider needs AIRCALL_API_ID and AIRCALL_API_TOKEN in the environment');
    return new AircallProvider({ ...options.http, baseUrl: url ? withVersion(url) : AIRCALL_API_URL, credentials: { id, token }, logger }, settings.audio.publicBaseUrl);
  }
  if (type !== 'sandbox') throw new ProviderError(`unknown provider "${type}" (CALLFLOW_PROVIDER or provider.type): use sandbox or aircall`);
  const credentials = sandboxCredentials(env);
  if (url) return new SandboxProvider({ ...options.http, baseUrl: withVersion(url), credentials, logger });
  return openInProcessSandbox(options, credentials);
}

async function openInProcessSandbox(options: OpenProviderOptions, credentials: { id: string; token: string }): Promise<TelephonyProvider> {
  const dataDir = sandboxDataDir(options.root);
  const server = await startSandbox({ dataDir, credentials, logger: options.logger, rateLimit: IN_PROCESS_RATE_LIMIT });
  try {
    if (isPristine(await server.store.read())) {
      const seed = await seedFromConfig(options.root, options.configDir ?? 'config');
      const result = await seedStore(server.store, seed);
      if (result.seeded) options.logger.info({ component: 'sandbox', ...result }, 'provisioned the sandbox from the repo config');
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  return new SandboxProvider(
    { rateLimit: { limit: IN_PROCESS_RATE_LIMIT, windowMs: 60_000 }, ...options.http, baseUrl: server.url, credentials, logger: options.logger },
    () => server.close(),
  );
}

/** `http://host:port` and `http://host:port/v1` both mean the v1 API. */
function withVersion(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/v1';
  return parsed.href.replace(/\/$/, '');
}
