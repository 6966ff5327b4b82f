import type { LiveNumber } from '../model/live.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import { contentHash } from './stable-json.js';

/**
 * What a number is live, as one hash: the settings and the published flow a plan compares. The
 * journal records it right after callflow writes a number, so a later read that hashes otherwise
 * was changed by someone else. Key order and re-publishing the same content change nothing;
 * music & messages slots are left out: plans compare them (providers without flows), but
 * the outside-edit provenance does not cover them yet.
 */
export function liveFingerprint(live: LiveNumber): string {
  const published = live.flow?.published ?? null;
  const flow = published ? (readFlowDocument(published.document) ?? published.document) : null;
  return contentHash({ name: live.name, timezone: live.timezone, language: live.language ?? null, flow });
}
