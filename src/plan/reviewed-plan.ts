/**
 * "A reviewed plan is exactly what gets applied": a saved plan (`apply --plan FILE`) is applied
 * only when it is, to the last field, the plan the repo and the account give at apply time —
 * then what is written comes from the repo, never from the file. A checksum alone cannot say
 * that: anyone can recompute one after an edit.
 */
import type { NumberPlan, Plan } from './plan-schema.js';
import { sameContent } from './stable-json.js';

/** Reasons named before the rest are counted. */
const MAX_REASONS = 5;

/** Why the saved plan is not the plan made now; empty when it is that plan. */
export function reviewedPlanDifferences(saved: Plan, now: Plan): string[] {
  // Whole: the checksum leaves out problem positions, this does not.
  if (sameContent(withoutTime(saved), withoutTime(now))) return [];
  const reasons = [...numberDifferences(saved.numbers, now.numbers), ...fieldDifferences(saved, now)];
  if (reasons.length === 0) reasons.push('its checksum differs');
  return reasons.length > MAX_REASONS ? [...reasons.slice(0, MAX_REASONS), `${reasons.length - MAX_REASONS} more`] : reasons;
}

function numberDifferences(saved: readonly NumberPlan[], now: readonly NumberPlan[]): string[] {
  const before = new Map(saved.map((n) => [n.number, n]));
  const after = new Map(now.map((n) => [n.number, n]));
  const reasons: string[] = [];
  for (const number of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(number);
    const b = after.get(number);
    if (!b) reasons.push(`${number} is in the saved plan only`);
    else if (!a) reasons.push(`${number} is in the plan made now only`);
    else if (!sameContent(a.desired, b.desired)) reasons.push(`${number}: what would be written differs`);
    else if (!sameContent(a.live, b.live) || a.liveId !== b.liveId) reasons.push(`${number}: the live state it was planned against differs`);
    else if (a.action !== b.action || !sameContent(a.changes, b.changes)) reasons.push(`${number}: the changes differ`);
    else if (!sameContent(a, b)) reasons.push(`${number}: its plan differs`);
  }
  return reasons;
}

function fieldDifferences(saved: Plan, now: Plan): string[] {
  const fields = ['format', 'formatVersion', 'inputs', 'provider', 'summary', 'uploads', 'problems'] as const;
  const known = new Set<string>([...fields, 'numbers', 'checksum', 'generatedAt']);
  const extra = [...new Set([...Object.keys(saved), ...Object.keys(now)])].filter((key) => !known.has(key));
  return [...fields, ...extra]
    .filter((field) => !sameContent((saved as Record<string, unknown>)[field], (now as Record<string, unknown>)[field]))
    .map((field) => `its ${field} differ${field.endsWith('s') ? '' : 's'}`);
}

function withoutTime(plan: Plan): Omit<Plan, 'generatedAt'> {
  const { generatedAt: _generatedAt, ...rest } = plan;
  return rest;
}
