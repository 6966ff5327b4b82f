/**
 * Who wrote what a number has live ("objects have changed outside of Terraform"): the provider's
 * flow version author when it records one, else the journal's last write compared by fingerprint.
 */
import { writtenByCallflow, type LastWrite } from '../model/last-write.js';
import type { FlowVersion, LiveNumber } from '../model/live.js';
import { liveFingerprint } from './fingerprint.js';

/** The live flow version callers get, with what the provider knows of who and when. */
export interface VersionFacts {
  version?: number;
  by?: string;
  at?: string;
}

export type Provenance =
  /** Changed by someone else since callflow last wrote it (or published by a named non-callflow author). */
  | (VersionFacts & { kind: 'outside'; lastWrite?: { at: string; who: string } })
  /** Live is what callflow wrote: the journal's fingerprint matches, or the live flow's author is callflow. */
  | (VersionFacts & { kind: 'callflow'; source: 'journal' | 'author' })
  | { kind: 'unknown' };

export function provenanceOf(live: LiveNumber, lastWrite: LastWrite | undefined): Provenance {
  const published = live.flow?.published ?? null;
  const facts = published ? versionFacts(published) : {};
  const byCallflow = writtenByCallflow(published?.author);
  const written = lastWrite ? { at: lastWrite.at, who: lastWrite.who } : undefined;

  if (published && byCallflow === false && published.version !== lastWrite?.publishedVersion) {
    return { kind: 'outside', ...facts, ...(written ? { lastWrite: written } : {}) };
  }
  // A newer version written by another callflow run (CI, another checkout): this journal is behind.
  const journalBehind = Boolean(lastWrite && published && byCallflow === true && published.version > (lastWrite.publishedVersion ?? 0));
  if (lastWrite && !journalBehind) {
    if (liveFingerprint(live) === lastWrite.fingerprint) return { kind: 'callflow', source: 'journal', ...facts, at: lastWrite.at, by: lastWrite.who };
    const flowMoved = published !== null && published.version !== lastWrite.publishedVersion;
    return { kind: 'outside', ...(flowMoved ? facts : {}), lastWrite: written! };
  }
  if (published && byCallflow === true) return { kind: 'callflow', source: 'author', ...facts };
  return { kind: 'unknown' };
}

function versionFacts(version: FlowVersion): VersionFacts {
  return { version: version.version, ...(version.author ? { by: version.author } : {}), ...(version.createdAt ? { at: version.createdAt } : {}) };
}
