import { didYouMean } from '../config/did-you-mean.js';
import { hasOwn } from '../model/own.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

const FALLBACKS = [
  { field: 'no_input', rule: 'ivr/no-input-target', when: 'presses nothing' },
  { field: 'invalid_input', rule: 'ivr/invalid-input-target', when: 'presses a wrong key' },
] as const;

/** "its no_input and invalid_input lead to a step that exists". */
export const ivrFallbacks: Rule = (repo) => {
  // One cap per rule: the two fallbacks are two rules.
  const problems = { no_input: new CappedProblems(), invalid_input: new CappedProblems() };
  for (const entry of repo.numbers) {
    const steps = entry.config.flow.steps;
    for (const [name, step] of Object.entries(steps)) {
      if (step.type !== 'ivr' && step.type !== 'input_ivr') continue;
      for (const { field, rule, when } of FALLBACKS) {
        const target = step[field];
        if (target === undefined) {
          problems[field].add(entry.file, () =>
            problemAt(entry, ['flow', 'steps', name], 'error', rule, `${step.type} "${name}" has no ${field}: say where the call goes when the caller ${when}`, {
              key: true,
              hint: `add ${field}: <step> (an audio message or a voicemail path)`,
            }),
          );
        } else if (!hasOwn(steps, target)) {
          problems[field].add(entry.file, () => {
            const suggestion = didYouMean(target, Object.keys(steps));
            return problemAt(entry, ['flow', 'steps', name, field], 'error', rule, `${name}.${field}: step "${target}" does not exist${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
          });
        }
      }
    }
  }
  return [...problems.no_input.list(), ...problems.invalid_input.list()];
};
