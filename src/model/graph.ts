import type { Flow } from '../config/schema/index.js';
import { branchesOf, canEndHere } from './flow.js';
import { hasOwn, own } from './own.js';

/** Names of existing steps a call can go to next from `name`. */
export function successors(flow: Flow, name: string): string[] {
  const step = own(flow.steps, name);
  if (!step) return [];
  return branchesOf(step)
    .map((b) => b.target)
    .filter((target) => hasOwn(flow.steps, target));
}

export function reachableSteps(flow: Flow): Set<string> {
  const seen = new Set<string>();
  const queue = hasOwn(flow.steps, flow.start) ? [flow.start] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...successors(flow, name));
  }
  return seen;
}

/** Steps from which some path ends the call (fixed point over the reversed graph). */
export function stepsThatCanEnd(flow: Flow): Set<string> {
  const canEnd = new Set(Object.entries(flow.steps).filter(([, step]) => canEndHere(step)).map(([name]) => name));
  const predecessors = new Map<string, string[]>();
  for (const name of Object.keys(flow.steps)) {
    for (const next of successors(flow, name)) predecessors.set(next, [...(predecessors.get(next) ?? []), name]);
  }
  const queue = [...canEnd];
  while (queue.length) {
    const name = queue.pop()!;
    for (const previous of predecessors.get(name) ?? []) {
      if (canEnd.has(previous)) continue;
      canEnd.add(previous);
      queue.push(previous);
    }
  }
  return canEnd;
}
