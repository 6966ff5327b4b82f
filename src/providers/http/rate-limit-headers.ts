/** Aircall's rate-limit headers, read into numbers (reset as epoch milliseconds). */
export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the budget resets. */
  resetAt?: number;
}

export const RATE_LIMIT_HEADERS = {
  limit: 'x-aircallapi-limit',
  remaining: 'x-aircallapi-remaining',
  reset: 'x-aircallapi-reset',
} as const;

export function readRateLimitHeaders(headers: Headers): RateLimitHeaders {
  const out: RateLimitHeaders = {};
  const limit = toNumber(headers.get(RATE_LIMIT_HEADERS.limit));
  const remaining = toNumber(headers.get(RATE_LIMIT_HEADERS.remaining));
  const reset = toNumber(headers.get(RATE_LIMIT_HEADERS.reset));
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  // Aircall documents a UNIX timestamp in seconds; some clients have seen milliseconds. Accept both.
  if (reset !== undefined) out.resetAt = reset > 1e11 ? reset : reset * 1000;
  return out;
}

function toNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
