/** Numbers that get exactly the same changes (a shared message edited, one flow for many lines). */
import type { NumberPlan } from './plan-schema.js';
import { stableStringify } from './stable-json.js';

/** Groups in first-seen order; each keeps its numbers in plan order. */
export function groupIdenticalChanges(numbers: readonly NumberPlan[]): NumberPlan[][] {
  const groups = new Map<string, NumberPlan[]>();
  for (const number of numbers) {
    const key = stableStringify({ action: number.action, changes: number.changes, notes: number.notes, outsideEdit: number.outsideEdit });
    const group = groups.get(key);
    if (group) group.push(number);
    else groups.set(key, [number]);
  }
  return [...groups.values()];
}
