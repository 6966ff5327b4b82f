import { didYouMean } from '../config/did-you-mean.js';
import { branchesOf } from '../model/flow.js';
import { flowGraph } from '../model/graph.js';
import { hasOwn } from '../model/own.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** IVR fallbacks have their own rule (`ivr/*-target`), which explains the seed's requirement. */
const FALLBACKS = new Set(['no_input', 'invalid_input']);

/** "unknown step references": `start` and every branch must name a step of the same flow. */
export const flowReferences: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    const { start, steps } = entry.config.flow;
    const unknown = (target: string) => {
      const suggestion = didYouMean(target, Object.keys(steps));
      return `step "${target}" does not exist in this flow${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
    };
    if (!hasOwn(steps, start)) problems.add(entry.file, () => problemAt(entry, ['flow', 'start'], 'error', 'flow/unknown-step', `start: ${unknown(start)}`));
    // The flow graph (built once per flow, shared with other rules) knows the steps with a branch to nowhere.
    for (const name of flowGraph(entry.config.flow).dangling) {
      for (const branch of branchesOf(steps[name]!)) {
        if (FALLBACKS.has(branch.label) || hasOwn(steps, branch.target)) continue;
        problems.add(entry.file, () => problemAt(entry, ['flow', 'steps', name, ...branch.path], 'error', 'flow/unknown-step', `${name}.${branch.label}: ${unknown(branch.target)}`));
      }
    }
  }
  return problems.list();
};
