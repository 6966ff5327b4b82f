/**
 * Flow tests that are not run because their results would only echo errors already reported: the
 * number's own file has errors (a missing step, an unknown start, a test naming no step…), or it
 * uses a schedule or shared message whose file failed to load or has errors (an unknown holiday
 * calendar, overlapping ranges): the calls would be routed by a schedule that is not what was meant.
 */
import type { NumberConfig } from '../config/schema/index.js';
import { fileStem } from '../model/file-stem.js';
import { messagesOf } from '../model/flow.js';
import type { Problem } from '../model/problem.js';
import type { Entry, FailedSharedFiles, Repo } from '../model/repo.js';

export type NotRunReason = 'numberHasErrors' | 'sharedFileFailed' | 'sharedFileHasErrors';

/** Why, in a few words, after "N not run: ". */
export const NOT_RUN_BECAUSE: Readonly<Record<NotRunReason, string>> = {
  numberHasErrors: 'their number has errors',
  sharedFileFailed: 'a schedule or message they use failed to load',
  sharedFileHasErrors: 'a schedule or message they use has errors',
};

export interface UntestedNumber {
  entry: Entry<NumberConfig>;
  reason: NotRunReason;
  /** How many flow tests the number has (at least one). */
  tests: number;
}

type SharedRepo = Pick<Repo, 'configDir' | 'failedToLoad'>;

/** The numbers with flow tests that should not run, given what the loader and the rules found. */
export function untestedNumbers(repo: SharedRepo & Pick<Repo, 'numbers'>, found: readonly Problem[], numbers: readonly Entry<NumberConfig>[] = repo.numbers): UntestedNumber[] {
  const errors = found.filter((p) => p.severity === 'error');
  const filesWithErrors = new Set(errors.map((p) => p.file));
  const sharedWithErrors = sharedNamesWithErrors(repo, errors);
  const anySharedErrors = sharedWithErrors.schedules.size + sharedWithErrors.messages.size + repo.failedToLoad.schedules.size + repo.failedToLoad.messages.size > 0;
  return numbers.flatMap((entry) => {
    const tests = entry.config.tests?.length ?? 0;
    if (!tests) return [];
    if (filesWithErrors.has(entry.file)) return [{ entry, reason: 'numberHasErrors' as const, tests }];
    const reason = anySharedErrors ? sharedReason(sharedFilesUsed(entry.config), sharedWithErrors, repo) : undefined;
    return reason ? [{ entry, reason, tests }] : [];
  });
}

/** The numbers whose flow tests run: those not in `untested`. */
export function testedNumbers(numbers: readonly Entry<NumberConfig>[], untested: readonly UntestedNumber[]): Entry<NumberConfig>[] {
  const skipped = new Set(untested.map((u) => u.entry));
  return numbers.filter((entry) => !skipped.has(entry));
}

/**
 * The errors of the schedule and shared-message files a number uses, whether the file failed to
 * load or the rules found them: why its calls get stuck, or are routed by a schedule that is not
 * what was meant (`simulate` and `test` show them instead of trusting the walk).
 */
export function sharedFileErrors(repo: SharedRepo, config: NumberConfig, found: readonly Problem[]): Problem[] {
  const used = sharedFilesUsed(config);
  return found.filter((p) => {
    if (p.severity !== 'error') return false;
    const shared = sharedFileOf(repo, p.file);
    return shared !== undefined && used[shared.kind].has(shared.name);
  });
}

interface SharedNames {
  schedules: Set<string>;
  messages: Set<string>;
}

/** Failed to load outranks has errors: it is what the walk will say (stuck where it is used). */
function sharedReason(used: SharedNames, withErrors: SharedNames, repo: SharedRepo): NotRunReason | undefined {
  if (usesAny(used, repo.failedToLoad)) return 'sharedFileFailed';
  return usesAny(used, withErrors) ? 'sharedFileHasErrors' : undefined;
}

/** Whether a schedule or message among `used` is among `names`. */
function usesAny(used: SharedNames, names: FailedSharedFiles): boolean {
  return [...used.schedules].some((name) => names.schedules.has(name)) || [...used.messages].some((name) => names.messages.has(name));
}

/** The names of the schedules and shared messages whose files have errors: one pass over the errors, not one per number. */
function sharedNamesWithErrors(repo: SharedRepo, errors: readonly Problem[]): SharedNames {
  const names: SharedNames = { schedules: new Set(), messages: new Set() };
  for (const problem of errors) {
    const shared = sharedFileOf(repo, problem.file);
    if (shared) names[shared.kind].add(shared.name);
  }
  return names;
}

/** A schedule or shared message is named after its file (`config/schedules/NAME.yaml`). */
function sharedFileOf(repo: SharedRepo, file: string): { kind: keyof SharedNames; name: string } | undefined {
  for (const kind of ['schedules', 'messages'] as const) {
    if (file.startsWith(`${repo.configDir}/${kind}/`)) return { kind, name: fileStem(file) };
  }
  return undefined;
}

/** The names of the schedules and shared messages the number's steps refer to. */
function sharedFilesUsed(config: NumberConfig): SharedNames {
  const used: SharedNames = { schedules: new Set(), messages: new Set() };
  for (const step of Object.values(config.flow.steps)) {
    if (step.type === 'time_rule') used.schedules.add(step.schedule);
    for (const { message } of messagesOf(step)) if ('ref' in message) used.messages.add(message.ref);
  }
  return used;
}
