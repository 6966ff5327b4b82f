/**
 * "cap repeated problems per file": a file with 10,000 branches to missing steps gets the first
 * ones and one problem that counts the rest, not 10,000 code frames. The rest are counted
 * without being built, so they cost nothing (no positions, no did-you-mean).
 */
import type { Problem } from '../model/problem.js';

/** Problems of one rule shown per file before the rest are counted. */
export const MAX_PROBLEMS_PER_RULE_AND_FILE = 50;

interface FileCount {
  kept: number;
  more: number;
  last?: Problem;
}

/** A rule's problems, the first N per file kept and the rest counted. */
export class CappedProblems {
  private readonly kept: Problem[] = [];
  private readonly files = new Map<string, FileCount>();

  constructor(private readonly limit = MAX_PROBLEMS_PER_RULE_AND_FILE) {}

  /** `make` runs only while the file is under the cap. */
  add(file: string, make: () => Problem): void {
    let count = this.files.get(file);
    if (!count) this.files.set(file, (count = { kept: 0, more: 0 }));
    if (count.kept >= this.limit) {
      count.more += 1;
      return;
    }
    const problem = make();
    count.kept += 1;
    count.last = problem;
    this.kept.push(problem);
  }

  list(): Problem[] {
    const summaries = [...this.files.values()].flatMap(({ more, last }) => (more > 0 && last ? [moreLikeThis(last, more)] : []));
    return [...this.kept, ...summaries];
  }
}

/** The same cap over problems already built (schema problems, the I/O checks): the last safety net. */
export function capProblems(problems: readonly Problem[], limit = MAX_PROBLEMS_PER_RULE_AND_FILE): Problem[] {
  const groups = new Map<string, Problem[]>();
  for (const problem of problems) {
    const key = `${problem.file}\u0000${problem.rule}`;
    const group = groups.get(key);
    if (group) group.push(problem);
    else groups.set(key, [problem]);
  }
  return [...groups.values()].flatMap((group) => {
    // A group already capped by its rule is its kept problems plus one count: leave it.
    if (group.length <= limit + 1) return group;
    return [...group.slice(0, limit), moreLikeThis(group[limit - 1]!, group.length - limit)];
  });
}

function moreLikeThis(last: Problem, more: number): Problem {
  const { hint: _hint, ...position } = last;
  return { ...position, message: `… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} like this in this file` };
}
