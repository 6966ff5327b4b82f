/**
 * The hosting contract, checked before any write (SPEC §5): the platform downloads each URL
 * callflow sets, so callflow downloads it first and refuses unless the bytes hash to the repo
 * file's sha256. A static host that still serves last week's file (or nothing) is caught here,
 * not by callers hearing dead air.
 */
import { createHash } from 'node:crypto';

export interface PublishedAudio {
  /** Undefined when `url` serves exactly the content `sha256`; otherwise why not, as a sentence. */
  check(url: string, sha256: string): Promise<string | undefined>;
}

export interface PublishedAudioOptions {
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Larger answers are not audio the platform would take (10 MB). */
  maxBytes?: number;
}

export function publishedAudio(options: PublishedAudioOptions = {}): PublishedAudio {
  const get = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  return {
    async check(url, sha256) {
      let response: Response;
      try {
        response = await get(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), redirect: 'follow' });
      } catch (error) {
        return `the audio host did not answer for ${url} (${(error as Error).message})`;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return `the audio host answers HTTP ${response.status} for ${url}`;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > maxBytes) return `the audio host serves ${bytes.length} bytes for ${url}, more than any audio file callflow sets`;
      const served = createHash('sha256').update(bytes).digest('hex');
      return served === sha256 ? undefined : `the audio host serves a different file at ${url} (sha256 ${served.slice(0, 12)}…, the repo file is ${sha256.slice(0, 12)}…)`;
    },
  };
}
