import type { Flow } from '../config/schema/index.js';
import { canEndHere, targetsOf } from './flow.js';
import { hasOwn } from './own.js';

/**
 * A flow's steps as a graph, built once per flow (rules ask for it several times): for each
 * step the existing steps it can go to next, and the steps with a branch to it. Linear in the
 * number of branches. Loaded config is never changed afterwards, so it is kept per flow object.
 */
export interface FlowGraph {
  successors: ReadonlyMap<string, readonly string[]>;
  predecessors: ReadonlyMap<string, readonly string[]>;
  /** Steps a call can reach from `start`. */
  reachable: ReadonlySet<string>;
  /** Steps from which some path ends the call (one walk over the reversed graph). */
  canEnd: ReadonlySet<string>;
  /** Steps with a branch to a step that does not exist (flow/unknown-step reports each). */
  dangling: readonly string[];
}

const graphs = new WeakMap<Flow, FlowGraph>();
const NONE: readonly string[] = [];

export function flowGraph(flow: Flow): FlowGraph {
  let graph = graphs.get(flow);
  if (graph) return graph;
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const ends: string[] = [];
  const dangling: string[] = [];
  for (const name of Object.keys(flow.steps)) {
    const step = flow.steps[name]!;
    if (canEndHere(step)) ends.push(name);
    const next: string[] = [];
    for (const target of targetsOf(step)) {
      if (!hasOwn(flow.steps, target)) {
        if (dangling.at(-1) !== name) dangling.push(name);
        continue;
      }
      next.push(target);
      const list = predecessors.get(target);
      if (list) list.push(name);
      else predecessors.set(target, [name]);
    }
    successors.set(name, next);
  }
  const reachable = reachableFrom(hasOwn(flow.steps, flow.start) ? [flow.start] : [], (name) => successors.get(name) ?? NONE);
  const canEnd = reachableFrom(ends, (name) => predecessors.get(name) ?? NONE);
  graph = { successors, predecessors, reachable, canEnd, dangling };
  graphs.set(flow, graph);
  return graph;
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
