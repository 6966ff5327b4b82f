/**
 * Flow tests that are not run because their results would only echo errors already reported: the
 * number's own file has errors (a missing step, an unknown start, a test naming no step…), or it
 * uses a schedule or shared message whose file failed to load.
 */
import { basename, extname } from 'node:path';
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

/**
 * The errors of the schedule and shared-message files a number uses that failed to load: why its
 * calls get stuck where they use one (`simulate` shows them with the transcript).
 */
export function failedSharedFileErrors(repo: Pick<Repo, 'configDir' | 'failedToLoad'>, config: NumberConfig, found: readonly Problem[]): Problem[] {
  const used = failedFilesUsed(config, repo.failedToLoad);
  const dirs = { schedules: `${repo.configDir}/schedules/`, messages: `${repo.configDir}/messages/` };
  const isUsed = (file: string, kind: keyof typeof dirs) => file.startsWith(dirs[kind]) && used[kind].has(basename(file, extname(file)));
  return found.filter((p) => p.severity === 'error' && (isUsed(p.file, 'schedules') || isUsed(p.file, 'messages')));
}

function usesFailedFile(config: NumberConfig, failed: FailedSharedFiles): boolean {
  const used = failedFilesUsed(config, failed);
  return used.schedules.size > 0 || used.messages.size > 0;
}

/** The names of the failed files the number's steps refer to. */
function failedFilesUsed(config: NumberConfig, failed: FailedSharedFiles): { schedules: Set<string>; messages: Set<string> } {
  const used = { schedules: new Set<string>(), messages: new Set<string>() };
  if (!failed.schedules.size && !failed.messages.size) return used;
  for (const step of Object.values(config.flow.steps)) {
    if (step.type === 'time_rule' && failed.schedules.has(step.schedule)) used.schedules.add(step.schedule);
    for (const { message } of messagesOf(step)) if ('ref' in message && failed.messages.has(message.ref)) used.messages.add(message.ref);
  }
  return used;
}
