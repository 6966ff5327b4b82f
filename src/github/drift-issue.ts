/**
 * The drift issue on GitHub: the open issue with the label and the hidden marker is found, the
 * pure decision (`drift/issue.ts`) is made on its body, and carried out — opened, updated in
 * place, or closed with a comment. Never a second issue while one is open.
 */
import { DRIFT_ISSUE_MARKER, driftIssueAction, type DriftIssueInput } from '../drift/issue.js';
import { findLabelledIssue, type IssueOutcome } from './labelled-issue.js';
import type { GitHubPort } from './port.js';

export async function keepDriftIssue(port: GitHubPort, input: Omit<DriftIssueInput, 'open'>): Promise<IssueOutcome> {
  const open = await findLabelledIssue(port, { label: input.label, marker: DRIFT_ISSUE_MARKER });
  const action = driftIssueAction({ ...input, open: open ? { body: open.body } : null });
  if (action.kind === 'open') return { action: 'opened', issue: await port.createIssue({ title: action.title, body: action.body, labels: action.labels }) };
  // The decision updates or closes only an issue it was given.
  if (action.kind === 'none' || !open) return { action: 'none' };
  if (action.kind === 'update') return { action: 'updated', issue: await port.updateIssue(open.number, { title: action.title, body: action.body }) };
  await port.createComment(open.number, action.comment);
  return { action: 'closed', issue: await port.updateIssue(open.number, { state: 'closed' }) };
}
