/**
 * The last look before a flow document is written to an account: whatever produced it (the
 * repo, a saved plan, a future caller), a document with a branch to nowhere or a message that
 * was never resolved is not published.
 */
import { canonicalFlowDocument } from './flow-document.js';
import { hasOwn } from './own.js';
import { branchesOf, slotsOf } from './step-shape.js';

/** What makes `document` unfit to publish; empty when it is fit. */
export function flowDocumentProblems(document: unknown): string[] {
  const parsed = canonicalFlowDocument.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return [`not a flow document (${issue.path.join('.') || 'top'}: ${issue.message})`];
  }
  const { start, steps } = parsed.data;
  const problems: string[] = [];
  if (!hasOwn(steps, start)) problems.push(`it starts at "${start}", which is no step`);
  for (const [name, step] of Object.entries(steps)) {
    for (const branch of branchesOf(step)) {
      if (!hasOwn(steps, branch.target)) problems.push(`${name}.${branch.label} leads to "${branch.target}", which is no step`);
    }
    for (const slot of slotsOf(step)) {
      if (slot.value !== null && typeof slot.value === 'object' && 'unresolved' in slot.value) problems.push(`${name}.${slot.field} names a shared message that does not exist`);
    }
  }
  return problems;
}
