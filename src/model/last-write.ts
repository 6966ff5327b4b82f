/**
 * Who wrote what is live: flow versions carry an author when the provider records one, and the
 * journal remembers what callflow itself wrote. Together they tell an edit made outside callflow
 * (a dashboard user on a Friday night) from a change Git has not applied yet.
 */

/** Every flow version callflow writes names its author with this prefix. */
export const CALLFLOW_AUTHOR_PREFIX = 'callflow';

/** The author callflow writes on a flow version: `callflow (alice)`. */
export function callflowAuthor(who: string): string {
  return `${CALLFLOW_AUTHOR_PREFIX} (${who})`;
}

/** True when a version's author says callflow wrote it; undefined when the provider records no author. */
export function writtenByCallflow(author: string | undefined): boolean | undefined {
  if (author === undefined) return undefined;
  return author === CALLFLOW_AUTHOR_PREFIX || author.startsWith(`${CALLFLOW_AUTHOR_PREFIX} (`);
}

/** The last time callflow wrote a number, as the journal remembers it. */
export interface LastWrite {
  /** ISO time of the apply. */
  at: string;
  /** Who ran it (`alice`, `octocat (GitHub Actions)`). */
  who: string;
  /** The number as read right after the write: its fingerprint and published flow version. */
  fingerprint: string;
  publishedVersion: number | null;
}
