/**
 * What `validate` actually checked: files read, and of the numbers, schedules and shared
 * messages, how many loaded and so went through the rules (a file with YAML or schema errors is
 * counted as read, not as checked), the audio files inspected and the flow tests, with how many
 * of them were not run because their results would only echo errors already reported.
 */
import { posix } from 'node:path';
import type { Problem } from '../model/problem.js';
import { NOT_RUN_BECAUSE, untestedNumbers, type NotRunReason } from '../simulate/untested.js';
import type { ValidateResult } from './validate-repo.js';
import { plural } from '../report/plural.js';

export interface Counted {
  /** Went through the rules. */
  checked: number;
  /** Read, but YAML or schema errors kept them out: nothing else was checked in them. */
  failedToLoad: number;
}

export interface ValidationSummary {
  files: number;
  numbers: Counted;
  schedules: Counted;
  sharedMessages: Counted;
  /** Referenced mp3 files found in the repo and inspected. */
  audioFiles: number;
  /** Flow tests of the numbers checked, those not run included. */
  flowTests: number;
  /** Of `flowTests`, how many were not run, by why. */
  flowTestsNotRun: Record<NotRunReason, number>;
  errors: number;
  warnings: number;
}

export function summarizeValidation(result: ValidateResult): ValidationSummary {
  const { repo, sources, problems } = result;
  const read = (dir: string) => [...sources.keys()].filter((file) => file.startsWith(`${posix.join(repo.configDir, dir)}/`)).length;
  const counted = (dir: string, checked: number): Counted => ({ checked, failedToLoad: Math.max(0, read(dir) - checked) });
  const errors = problems.filter((p: Problem) => p.severity === 'error').length;
  const flowTestsNotRun: Record<NotRunReason, number> = { numberHasErrors: 0, sharedFileFailed: 0, sharedFileHasErrors: 0 };
  for (const { reason, tests } of untestedNumbers(repo, result.foundBeforeChecks)) flowTestsNotRun[reason] += tests;
  return {
    files: sources.size,
    numbers: counted('numbers', repo.numbers.length),
    schedules: counted('schedules', repo.schedules.size),
    sharedMessages: counted('messages', repo.messages.size),
    audioFiles: [...repo.audio.values()].filter((a) => a.status === 'ok').length,
    flowTests: repo.numbers.reduce((sum, n) => sum + (n.config.tests?.length ?? 0), 0),
    flowTestsNotRun,
    errors,
    warnings: problems.length - errors,
  };
}

/** "3 numbers, 2 schedules (1 more failed to load), 0 shared messages, 5 audio files, 12 flow tests (7 not run: their number has errors)". */
export function describeChecked(summary: ValidationSummary): string {
  const part = (c: Counted, word: string) => `${plural(c.checked, word)}${c.failedToLoad ? ` (${c.failedToLoad} more failed to load)` : ''}`;
  const notRun = (Object.entries(summary.flowTestsNotRun) as [NotRunReason, number][]).filter(([, n]) => n > 0).map(([reason, n]) => `${n} not run: ${NOT_RUN_BECAUSE[reason]}`);
  return [
    part(summary.numbers, 'number'),
    part(summary.schedules, 'schedule'),
    part(summary.sharedMessages, 'shared message'),
    plural(summary.audioFiles, 'audio file'),
    `${plural(summary.flowTests, 'flow test')}${notRun.length ? ` (${notRun.join('; ')})` : ''}`,
  ].join(', ');
}
