/**
 * Files committed on a branch callflow owns, through the git data API (no clone, no push):
 * one commit on top of `base` holding the files, and the branch pointed at it. A branch whose
 * head already has exactly that content is left as it is, so watchers are not told of a new
 * push every time the same drift is found again.
 */
import type { GitHubPort, TreeFile } from './port.js';

/** A file to commit, repo-relative: UTF-8 text, or bytes (audio). */
export interface FileToCommit {
  path: string;
  content: string | Uint8Array;
}

export interface BranchCommitInput {
  branch: string;
  /** The commit the files are written on top of. */
  base: string;
  message: string;
  files: readonly FileToCommit[];
}

export type BranchCommit =
  | { kind: 'created' | 'moved' | 'unchanged'; sha: string }
  /** The files are what `base` has already. */
  | { kind: 'same-as-base' };

export async function commitOnBranch(port: GitHubPort, input: BranchCommitInput): Promise<BranchCommit> {
  const base = await port.getCommit(input.base);
  const files: TreeFile[] = [];
  // Text goes inline in the tree; only bytes need a blob (one request each).
  for (const file of input.files) files.push(typeof file.content === 'string' ? { path: file.path, content: file.content } : { path: file.path, blob: await port.createBlob(file.content) });
  const tree = await port.createTree(base.tree, files);
  if (tree === base.tree) return { kind: 'same-as-base' };

  const head = await port.branchHead(input.branch);
  if (head && (await port.getCommit(head)).tree === tree) return { kind: 'unchanged', sha: head };
  const commit = await port.createCommit({ message: input.message, tree, parents: [base.sha] });
  if (head) await port.resetBranch(input.branch, commit.sha);
  else await port.createBranch(input.branch, commit.sha);
  return { kind: head ? 'moved' : 'created', sha: commit.sha };
}
