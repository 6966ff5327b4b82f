import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** "The waiting experience cannot be removed: a ring step without one gets the default ringtone." */
export const ringWaiting: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type !== 'ring' || (step.waiting !== null && step.waiting !== 'none')) continue;
      problems.add(entry.file, () =>
        problemAt(entry, ['flow', 'steps', name, 'waiting'], 'error', 'ring/waiting-required', `ring "${name}": the waiting experience cannot be removed`, {
          hint: 'delete the waiting key to use the default ringtone, or set waiting: { music: { library: ringtone } }',
        }),
      );
    }
  }
  return problems.list();
};
