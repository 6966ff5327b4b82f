/**
 * One comment per pull request that callflow owns, found by a hidden HTML marker in its body
 * (Renovate-style): created on the first run, edited in place on every later run.
 */
import type { GitHubPort, IssueComment } from './port.js';

export interface StickyResult {
  comment: IssueComment;
  created: boolean;
}

export async function findMarkedComment(port: GitHubPort, issueNumber: number, marker: string): Promise<IssueComment | undefined> {
  const comments = await port.listComments(issueNumber);
  // The oldest one is the sticky one; any later copy (two runs racing) is left as it is.
  return comments.find((comment) => comment.body.includes(marker));
}

export async function upsertStickyComment(port: GitHubPort, issueNumber: number, marker: string, body: string): Promise<StickyResult> {
  if (!body.includes(marker)) throw new Error(`a sticky comment body must carry its marker ${marker}`);
  const existing = await findMarkedComment(port, issueNumber, marker);
  if (existing) return { comment: await port.updateComment(existing.id, body), created: false };
  return { comment: await port.createComment(issueNumber, body), created: true };
}
