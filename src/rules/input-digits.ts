import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** An input IVR's `min_digits`/`max_digits` bound input that ends with a key; a fixed length leaves nothing to bound. */
export const inputDigits: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type !== 'input_ivr') continue;
      const { min_digits: min, max_digits: max } = step;
      if ('digits' in step.end && (min !== undefined || max !== undefined)) {
        problems.push(
          problemAt(entry, ['flow', 'steps', name, min !== undefined ? 'min_digits' : 'max_digits'], 'error', 'input/digits-bounds', `input_ivr "${name}" ends after ${step.end.digits} digits, so min_digits/max_digits cannot apply`, {
            key: true,
            hint: 'use end: { key: "#" } with min_digits/max_digits for input of varying length, or drop them',
          }),
        );
      } else if (min !== undefined && max !== undefined && min > max) {
        problems.push(problemAt(entry, ['flow', 'steps', name, 'min_digits'], 'error', 'input/digits-bounds', `input_ivr "${name}": min_digits ${min} is more than max_digits ${max}`));
      }
    }
  }
  return problems;
};
