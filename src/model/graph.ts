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
  return reachableFrom(hasOwn(flow.steps, flow.start) ? [flow.start] : [], (name) => successors(flow, name));
}

/** Steps from which some path ends the call (one walk over the reversed graph). */
export function stepsThatCanEnd(flow: Flow): Set<string> {
  const ends = Object.entries(flow.steps).filter(([, step]) => canEndHere(step)).map(([name]) => name);
  const predecessors = predecessorsOf(flow);
  return reachableFrom(ends, (name) => predecessors.get(name) ?? []);
}

/** For each step, the steps with a branch to it. Linear in the number of branches. */
export function predecessorsOf(flow: Flow): Map<string, string[]> {
  const predecessors = new Map<string, string[]>();
  for (const name of Object.keys(flow.steps)) {
    for (const next of successors(flow, name)) {
      const list = predecessors.get(next);
      if (list) list.push(name);
      else predecessors.set(next, [name]);
    }
  }
  return predecessors;
}

/** Every node reachable from `starts` (themselves included), each visited once. */
export function reachableFrom(starts: readonly string[], next: (name: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const target of next(name)) if (!seen.has(target)) stack.push(target);
  }
  return seen;
}
