/**
 * Why a request got no answer, in words: the telephony client and the GitHub port both say it,
 * and a connection refused reads "connection refused" in both, not an HTTP status it never had.
 */

/** What the network said, in words; the code itself when it is not one of the usual ones. */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed, try again',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/** The code (or message) of a failed fetch: fetch's own TypeError carries the system error as its cause. */
export function networkReason(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

/** "connection refused" for ECONNREFUSED; other reasons as they are. */
export function networkWords(reason: string): string {
  return NETWORK_WORDS[reason] ?? reason;
}
