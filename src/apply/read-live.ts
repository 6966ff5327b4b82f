import type { LiveNumber, TelephonyProvider } from '../providers/provider.js';

/** Read numbers in detail a few at a time: the client's rate limiter paces the requests. */
export async function readLiveNumbers(provider: TelephonyProvider, ids: readonly string[], concurrency = 4): Promise<LiveNumber[]> {
  const out: LiveNumber[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      out[index] = await provider.readNumber(ids[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return out;
}
