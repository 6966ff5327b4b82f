import { excerpt } from '../model/excerpt.js';
import type { Problem } from '../model/problem.js';
import { problemAt } from '../rules/rule.js';
import type { RepoCheck } from '../pipeline/validate-repo.js';
import { runFlowTests, type FlowTestResult } from './flow-tests.js';
import { describeMismatch, summarizeFailure } from './test-report.js';
import { testedNumbers, untestedNumbers } from './untested.js';

/**
 * `validate` runs the flow tests too: one `test/failed` error per failing test, at its `name:` line.
 * Not those of a number with errors or using a schedule or message with errors: they would only echo them.
 * `ran` hears the results, for a report that lists them (the pull request comment) without
 * running every test again.
 */
export function flowTestsCheck(ran?: (results: readonly FlowTestResult[]) => void): RepoCheck {
  return async (repo, found) => {
    const problems: Problem[] = [];
    const numbers = testedNumbers(repo.numbers, untestedNumbers(repo, found));
    const results = runFlowTests(repo, numbers);
    ran?.(results);
    const byFile = new Map(numbers.map((entry) => [entry.file, entry]));
    for (const result of results) {
      if (result.passed) continue;
      const entry = byFile.get(result.file)!;
      const summary = summarizeFailure(result);
      // The hint carries what the message does not: both paths, the other mismatches.
      const details = result.mismatches.flatMap(describeMismatch).filter((line) => line !== summary).map((line) => line.replace(/\s+/g, ' '));
      problems.push(
        problemAt(entry, ['tests', result.index, 'name'], 'error', 'test/failed', `flow test "${excerpt(result.name, 100)}" failed: ${summary}`, {
          hint: `${details.join('; ')} — run \`callflow test ${result.numberFile}\` for the details`,
        }),
      );
    }
    return problems;
  };
}
