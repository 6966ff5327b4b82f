import { AuthError } from '../errors.js';
import type { ProviderContext } from '../context.js';
import type { TelephonyProvider } from '../provider.js';
import { AIRCALL_API_URL, AircallProvider } from './aircall-provider.js';

/** Aircall's public API, with credentials from AIRCALL_API_ID / AIRCALL_API_TOKEN only. */
export async function openAircall(context: ProviderContext): Promise<TelephonyProvider> {
  const id = context.env['AIRCALL_API_ID'];
  const token = context.env['AIRCALL_API_TOKEN'];
  if (!id || !token) throw new AuthError('the aircall provider needs AIRCALL_API_ID and AIRCALL_API_TOKEN in the environment');
  return new AircallProvider(
    { ...context.http, baseUrl: context.url ?? AIRCALL_API_URL, credentials: { id, token }, logger: context.logger },
    context.settings.audio.publicBaseUrl,
  );
}
