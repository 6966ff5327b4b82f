/**
 * Picks and opens the provider a command talks to (SPEC §5): `provider.type` / `provider.url`
 * from config/callflow.yaml, overridden by CALLFLOW_PROVIDER / CALLFLOW_PROVIDER_URL. Each
 * provider registers an opener here; nothing else names a provider.
 */
import type { Settings } from '../config/schema/index.js';
import { openAircall } from './aircall/open-aircall.js';
import { ProviderError } from './errors.js';
import type { OpenProviderOptions, ProviderContext } from './context.js';
import type { TelephonyProvider } from './provider.js';
import { openSandbox } from './sandbox/open-sandbox.js';
import { own } from '../model/own.js';

export type { OpenProviderOptions, ProviderContext } from './context.js';

export type ProviderOpener = (context: ProviderContext) => Promise<TelephonyProvider>;

export const PROVIDERS: Readonly<Record<string, ProviderOpener>> = {
  sandbox: openSandbox,
  aircall: openAircall,
};

export function providerType(settings: Settings, env: NodeJS.ProcessEnv): string {
  return env['CALLFLOW_PROVIDER'] || settings.provider.type;
}

export async function openProvider(options: OpenProviderOptions): Promise<TelephonyProvider> {
  const type = providerType(options.settings, options.env);
  const opener = own(PROVIDERS, type);
  if (!opener) {
    throw new ProviderError(`unknown provider "${type}" (CALLFLOW_PROVIDER or provider.type): use ${Object.keys(PROVIDERS).join(' or ')}`);
  }
  const url = options.env['CALLFLOW_PROVIDER_URL'] || options.settings.provider.url;
  return opener({ ...options, url: url ? withVersion(url) : undefined });
}

/** `http://host:port` and `http://host:port/v1` both mean the v1 API. */
function withVersion(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProviderError(`the provider URL "${url}" is not a URL (CALLFLOW_PROVIDER_URL or provider.url)`);
  }
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/v1';
  return parsed.href.replace(/\/$/, '');
}
