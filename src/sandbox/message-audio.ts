/**
 * The platform downloads each music & messages URL it is given (Aircall: "a file it cannot use
 * means dead air"). The `aircall` flavor does the same on `PUT /v1/numbers/:id` and refuses the
 * update unless every URL answers 200 with an MP3 under 9.57 MB; what it fetched is recorded, so
 * tests can see the server got the repo's bytes.
 */
import { createHash } from 'node:crypto';
import { sniffBytes } from '../audio/sniff.js';
import { MAX_AUDIO_BYTES } from '../audio/limits.js';
import { HttpError } from './http-util.js';

export interface FetchedAudio {
  url: string;
  /** HTTP status, or 0 when the host did not answer. */
  status: number;
  bytes: number;
  /** sha256 of what was served, when something was. */
  sha256?: string;
}

export interface MessageAudioFetcher {
  /** Every download, in order. */
  readonly fetched: FetchedAudio[];
  /** Throws a 422 HttpError naming the slot when the URL is not a usable mp3. */
  require(slot: string, url: string): Promise<void>;
}

export function messageAudioFetcher(get: typeof fetch = fetch, timeoutMs = 10_000): MessageAudioFetcher {
  const fetched: FetchedAudio[] = [];
  const refuse = (slot: string, url: string, why: string) => new HttpError(422, 'Unusable audio', `messages.${slot}: ${url} ${why}`);
  return {
    fetched,
    async require(slot, url) {
      let response: Response;
      try {
        response = await get(url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        fetched.push({ url, status: 0, bytes: 0 });
        throw refuse(slot, url, 'could not be downloaded');
      }
      const body = Buffer.from(await response.arrayBuffer());
      fetched.push({ url, status: response.status, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
      if (!response.ok) throw refuse(slot, url, `answered HTTP ${response.status}`);
      if (body.length >= MAX_AUDIO_BYTES) throw refuse(slot, url, 'is 9.57 MB or more');
      if (sniffBytes(body) !== 'mp3') throw refuse(slot, url, 'is not an MP3 file');
    },
  };
}
