/**
 * Flow tests that are not run because their results would only echo errors already reported: the
 * number's own file has errors (a missing step, an unknown start, a test naming no step…), or it
 * uses a schedule or shared message whose file failed to load.
 */
import type { NumberConfig } from '../config/schema/index.js';
import { messagesOf } from '../model/flow.js';
import type { Problem } from '../model/problem.js';
import type { Entry, FailedSharedFiles, Repo } from '../model/repo.js';

export type NotRunReason = 'numberHasErrors' | 'sharedFileFailed';

/** Why, in a few words, after "N not run: ". */
export const NOT_RUN_BECAUSE: Readonly<Record<NotRunReason, string>> = {
  numberHasErrors: 'their number has errors',
  sharedFileFailed: 'a schedule or message they use failed to load',
};

export interface UntestedNumber {
  entry: Entry<NumberConfig>;
  reason: NotRunReason;
  /** How many flow tests the number has (at least one). */
  tests: number;
}

/** The numbers with flow tests that should not run, given what the loader and the rules found. */
export function untestedNumbers(repo: Pick<Repo, 'numbers' | 'failedToLoad'>, found: readonly Problem[], numbers: readonly Entry<NumberConfig>[] = repo.numbers): UntestedNumber[] {
  const filesWithErrors = new Set(found.filter((p) => p.severity === 'error').map((p) => p.file));
  return numbers.flatMap((entry) => {
    const tests = entry.config.tests?.length ?? 0;
    if (!tests) return [];
    const reason: NotRunReason | undefined = filesWithErrors.has(entry.file) ? 'numberHasErrors' : usesFailedFile(entry.config, repo.failedToLoad) ? 'sharedFileFailed' : undefined;
    return reason ? [{ entry, reason, tests }] : [];
  });
}

/** The numbers whose flow tests run: those not in `untested`. */
export function testedNumbers(numbers: readonly Entry<NumberConfig>[], untested: readonly UntestedNumber[]): Entry<NumberConfig>[] {
  const skipped = new Set(untested.map((u) => u.entry));
  return numbers.filter((entry) => !skipped.has(entry));
}

function usesFailedFile(config: NumberConfig, failed: FailedSharedFiles): boolean {
  if (!failed.schedules.size && !failed.messages.size) return false;
  return Object.values(config.flow.steps).some(
    (step) => (step.type === 'time_rule' && failed.schedules.has(step.schedule)) || messagesOf(step).some(({ message }) => 'ref' in message && failed.messages.has(message.ref)),
  );
}
