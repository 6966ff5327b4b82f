import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** "duplicate numbers across files": the number is the identity key matched against live. */
export const numberDuplicate: Rule = (repo) => {
  const problems: Problem[] = [];
  const firstFile = new Map<string, string>();
  for (const entry of repo.numbers) {
    const number = entry.config.number;
    const first = firstFile.get(number);
    if (first === undefined) {
      firstFile.set(number, entry.file);
      continue;
    }
    problems.push(problemAt(entry, ['number'], 'error', 'number/duplicate', `${number} is already configured in ${first}`, { hint: 'one file per phone number' }));
  }
  return problems;
};
