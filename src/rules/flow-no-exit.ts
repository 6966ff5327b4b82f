import { branchesOf } from '../model/flow.js';
import { reachableSteps, stepsThatCanEnd, successors } from '../model/graph.js';
import { hasOwn } from '../model/own.js';
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
    const reachable = reachableSteps(flow);
    const canEnd = stepsThatCanEnd(flow);
    // A branch to a missing step is already an error (flow/unknown-step); whatever it was
    // meant to reach may well end the call, so do not also call those paths endless.
    const dangling = new Set(Object.entries(flow.steps).filter(([, step]) => branchesOf(step).some((b) => !hasOwn(flow.steps, b.target))).map(([name]) => name));
    const trapped = Object.keys(flow.steps).filter(
      (name) => reachable.has(name) && !canEnd.has(name) && !closure(name, flow, () => true).some((n) => dangling.has(n)),
    );
    const reported = new Set<string>();
    for (const name of trapped) {
      if (reported.has(name)) continue;
      const group = closure(name, flow, (n) => trapped.includes(n));
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

function closure(start: string, flow: Parameters<typeof successors>[0], keep: (name: string) => boolean): string[] {
  const seen: string[] = [start];
  for (let i = 0; i < seen.length; i += 1) {
    for (const next of successors(flow, seen[i]!)) if (keep(next) && !seen.includes(next)) seen.push(next);
  }
  return seen;
}
