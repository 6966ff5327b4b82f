import type { Flow } from '../config/schema/index.js';
import { branchesOf, canEndHere } from './flow.js';

/**
 * A flow as a graph, built in one pass over its steps so every question below costs the
 * size of the flow, whatever its shape (thousands of steps included).
 */
export interface FlowGraph {
  /** Existing steps a call can go to next from each step. */
  successors: ReadonlyMap<string, readonly string[]>;
  /** Steps that lead to each step. */
  predecessors: ReadonlyMap<string, readonly string[]>;
  /** Steps with a branch to a step that does not exist. */
  dangling: ReadonlySet<string>;
}

export function flowGraph(flow: Flow): FlowGraph {
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const dangling = new Set<string>();
  for (const name in flow.steps) {
    const next: string[] = [];
    for (const branch of branchesOf(flow.steps[name]!)) {
      if (!Object.hasOwn(flow.steps, branch.target)) {
        dangling.add(name);
        continue;
      }
      next.push(branch.target);
      const before = predecessors.get(branch.target);
      if (before) before.push(name);
      else predecessors.set(branch.target, [name]);
    }
    successors.set(name, next);
  }
  return { successors, predecessors, dangling };
}

/** Steps reachable from `from` (included) staying on steps that `keep`, in breadth-first order. */
export function reachableFrom(graph: FlowGraph, from: Iterable<string>, keep: (name: string) => boolean = () => true, edges = graph.successors): Set<string> {
  const seen = new Set([...from].filter(keep));
  // A Set iterates what is added during the loop: it is its own queue.
  for (const name of seen) {
    for (const next of edges.get(name) ?? []) if (keep(next)) seen.add(next);
  }
  return seen;
}

/** Steps from which one of `targets` can be reached (the targets included). */
export function stepsLeadingTo(graph: FlowGraph, targets: Iterable<string>): Set<string> {
  return reachableFrom(graph, targets, () => true, graph.predecessors);
}

export function reachableSteps(flow: Flow, graph: FlowGraph = flowGraph(flow)): Set<string> {
  return reachableFrom(graph, Object.hasOwn(flow.steps, flow.start) ? [flow.start] : []);
}

/** Steps from which some path ends the call. */
export function stepsThatCanEnd(flow: Flow, graph: FlowGraph = flowGraph(flow)): Set<string> {
  return stepsLeadingTo(graph, Object.keys(flow.steps).filter((name) => canEndHere(flow.steps[name]!)));
}
