/**
 * An issue callflow keeps open while a condition lasts (drift): found by its label and a hidden
 * marker in its body, opened once, updated while the condition lasts, closed when it ends.
 */
import type { GitHubPort, Issue } from './port.js';

export interface LabelledIssueKey {
  label: string;
  /** Hidden HTML comment that tells our issue from others with the same label. */
  marker: string;
}

export type IssueOutcome = { action: 'opened' | 'updated' | 'closed'; issue: Issue } | { action: 'none' };

export async function findLabelledIssue(port: GitHubPort, key: LabelledIssueKey): Promise<Issue | undefined> {
  const open = await port.listIssues(key.label, 'open');
  return open.find((issue) => issue.body.includes(key.marker));
}

/** Opens the issue, or updates the open one in place (title and body). */
export async function openOrUpdateLabelledIssue(port: GitHubPort, key: LabelledIssueKey, content: { title: string; body: string }): Promise<IssueOutcome> {
  const body = content.body.includes(key.marker) ? content.body : `${key.marker}\n${content.body}`;
  const existing = await findLabelledIssue(port, key);
  if (existing) return { action: 'updated', issue: await port.updateIssue(existing.number, { title: content.title, body }) };
  return { action: 'opened', issue: await port.createIssue({ title: content.title, body, labels: [key.label] }) };
}

/** Closes the open issue, if any, with a closing comment. */
export async function closeLabelledIssue(port: GitHubPort, key: LabelledIssueKey, closingComment: string): Promise<IssueOutcome> {
  const existing = await findLabelledIssue(port, key);
  if (!existing) return { action: 'none' };
  await port.createComment(existing.number, closingComment);
  return { action: 'closed', issue: await port.updateIssue(existing.number, { state: 'closed' }) };
}
