import { flowGraph, reachableFrom } from '../model/graph.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** Steps a message names before it says how many more there are. */
const NAMED_STEPS = 6;

/**
 * "paths with no end": from every step a call can reach, some path must end the call
 * (answered, voicemail, forward, hang-up). Two messages pointing at each other never end.
 * Every walk below visits each step once, so a flow of 10,000 steps is checked in linear time.
 */
export const flowNoExit: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.numbers) {
    const flow = entry.config.flow;
    const { reachable, canEnd, successors, predecessors, dangling } = flowGraph(flow);
    // A branch to a missing step is already an error (flow/unknown-step); whatever it was
    // meant to reach may well end the call, so do not also call those paths endless.
    const leadsToDangling = reachableFrom(dangling, (name) => predecessors.get(name) ?? []);
    const trapped = new Set(Object.keys(flow.steps).filter((name) => reachable.has(name) && !canEnd.has(name) && !leadsToDangling.has(name)));

    const reported = new Set<string>();
    for (const name of trapped) {
      if (reported.has(name)) continue;
      const group = [...reachableFrom([name], (n) => (successors.get(n) ?? []).filter((s) => trapped.has(s) && !reported.has(s)))];
      group.forEach((n) => reported.add(n));
      problems.push(
        problemAt(entry, ['flow', 'steps', name], 'error', 'flow/no-exit', `calls reaching "${name}" can never end${loopText(group)}`, {
          key: true,
          hint: 'give one of these steps a way out: a ring, voicemail, forward or hangup step',
        }),
      );
    }
  }
  return problems;
};

function loopText(group: readonly string[]): string {
  if (group.length < 2) return '';
  if (group.length <= NAMED_STEPS) return ` (${[...group, group[0]].join(' → ')})`;
  return ` (${group.slice(0, NAMED_STEPS).join(' → ')} → … and ${group.length - NAMED_STEPS} more steps)`;
}
