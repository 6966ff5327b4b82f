import { flowGraph } from '../model/graph.js';
import { hasOwn } from '../model/own.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** "unreachable steps (warning)": a step no call can reach is dead configuration. */
export const flowUnreachable: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    // From a start that names no step nothing is reached: flow/unknown-step says why, once.
    if (!hasOwn(entry.config.flow.steps, entry.config.flow.start)) continue;
    const { reachable, dangling } = flowGraph(entry.config.flow);
    // A branch to a missing step (a typo, a renamed step) most likely meant a step now unreached:
    // the error says so once; the warnings come back if they still hold once it is fixed.
    if (dangling.length) continue;
    for (const name of Object.keys(entry.config.flow.steps)) {
      if (reachable.has(name)) continue;
      problems.add(entry.file, () =>
        problemAt(entry, ['flow', 'steps', name], 'warning', 'flow/unreachable', `step "${name}" is never reached from "${entry.config.flow.start}"`, {
          key: true,
          hint: 'link it from another step or delete it',
        }),
      );
    }
  }
  return problems.list();
};
