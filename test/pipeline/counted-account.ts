/**
 * A seeded sandbox that counts, at the server, every request it answers, and a provider of
 * either kind talking to it: `sandbox` against the callflow flavor, `aircall` against the
 * aircall flavor (only what Aircall's public API serves).
 */
import { silentLogger } from '../../src/logging.js';
import { AircallProvider } from '../../src/providers/aircall/aircall-provider.js';
import type { TelephonyProvider } from '../../src/providers/provider.js';
import type { Seed } from '../../src/sandbox/seed.js';
import { CREDENTIALS, startTestSandbox } from '../sandbox/helpers.js';

export const PROVIDER_KINDS = ['sandbox', 'aircall'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface AnsweredRequest {
  method: string;
  path: string;
  status: number;
}

export interface CountedAccount {
  /** What the server answered since the account was seeded, in order. */
  requests: AnsweredRequest[];
  provider(): TelephonyProvider;
  close(): Promise<void>;
}

export async function countedAccount(kind: ProviderKind, seed: Seed): Promise<CountedAccount> {
  const requests: AnsweredRequest[] = [];
  const t = await startTestSandbox({
    seed,
    flavor: kind === 'aircall' ? 'aircall' : 'callflow',
    onRequest: (request) => requests.push(request),
  });
  requests.length = 0;
  const aircall: AircallProvider[] = [];
  return {
    requests,
    provider() {
      if (kind === 'sandbox') return t.provider();
      const provider = new AircallProvider({ baseUrl: t.sandbox.url, credentials: CREDENTIALS, logger: silentLogger(), rateLimit: { limit: 100_000, windowMs: 60_000 } }, undefined);
      aircall.push(provider);
      return provider;
    },
    async close() {
      await Promise.all(aircall.map((p) => p.close()));
      await t.close();
    },
  };
}
