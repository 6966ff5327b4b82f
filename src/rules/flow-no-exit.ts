import { flowGraph, reachableFrom, reachableSteps, stepsLeadingTo, stepsThatCanEnd } from '../model/graph.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/**
 * "paths with no end": from every step a call can reach, some path must end the call
 * (answered, voicemail, forward, hang-up). Two messages pointing at each other never end.
 */
export const flowNoExit: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.numbers) {
    const flow = entry.config.flow;
    const graph = flowGraph(flow);
    const reachable = reachableSteps(flow, graph);
    const canEnd = stepsThatCanEnd(flow, graph);
    const stuck = Object.keys(flow.steps).filter((name) => reachable.has(name) && !canEnd.has(name));
    if (stuck.length === 0) continue;
    // A branch to a missing step is already an error (flow/unknown-step); whatever it was
    // meant to reach may well end the call, so do not also call those paths endless.
    const leadsToDangling = stepsLeadingTo(graph, graph.dangling);
    const trapped = new Set(stuck.filter((name) => !leadsToDangling.has(name)));
    const reported = new Set<string>();
    for (const name of trapped) {
      if (reported.has(name)) continue;
      const group = [...reachableFrom(graph, [name], (n) => trapped.has(n))];
      group.forEach((n) => reported.add(n));
      const loop = group.length > 1 ? ` (${[...group, group[0]].join(' → ')})` : '';
      problems.push(
        problemAt(entry, ['flow', 'steps', name], 'error', 'flow/no-exit', `calls reaching "${name}" can never end${loop}`, {
          key: true,
          hint: 'give one of these steps a way out: a ring, voicemail, forward or hangup step',
        }),
      );
    }
  }
  return problems;
};
