import type { CanonicalStep } from './flow-document.js';

/** One outgoing edge of a canonical step. */
export interface CanonicalBranch {
  /** Field path inside the step, dotted: `next`, `options.1`, `no_input`… (stable identity of the edge). */
  field: string;
  /** What a reader calls it: `next`, `1`, `no input`, `open`… (plans and diagram edges). */
  label: string;
  target: string;
}

const LABELS: Record<string, string> = { no_input: 'no input', invalid_input: 'invalid input' };

/** Branch fields in reading order; IVR options come first, in keypad order. */
const FIELDS = ['next', 'open', 'closed', 'holiday', 'no_input', 'invalid_input', 'unanswered'] as const;

export function canonicalBranches(step: CanonicalStep): CanonicalBranch[] {
  const out: CanonicalBranch[] = [];
  if (step.type === 'ivr') {
    for (const [key, target] of Object.entries(step.options)) out.push({ field: `options.${key}`, label: key, target });
  }
  const fields = step as Partial<Record<(typeof FIELDS)[number], string>>;
  for (const field of FIELDS) {
    const target = fields[field];
    if (typeof target === 'string') out.push({ field, label: LABELS[field] ?? field, target });
  }
  return out;
}

/** True for a dotted field path that holds a branch target. */
export function isBranchField(field: string): boolean {
  return field.startsWith('options.') || (FIELDS as readonly string[]).includes(field);
}

export function branchLabel(field: string): string {
  return field.startsWith('options.') ? field.slice('options.'.length) : (LABELS[field] ?? field);
}
