/**
 * What `validate` actually checked: files read, and of the numbers, schedules and shared
 * messages, how many passed the schema and so went through the rules (a file that fails the
 * schema is counted as read, not as checked), the audio files inspected and the flow tests run.
 */
import { posix } from 'node:path';
import type { Problem } from '../model/problem.js';
import type { ValidateResult } from './validate-repo.js';

export interface Counted {
  /** Went through the rules. */
  checked: number;
  /** Read, but the schema refused them: nothing else was checked in them. */
  failedSchema: number;
}

export interface ValidationSummary {
  files: number;
  numbers: Counted;
  schedules: Counted;
  sharedMessages: Counted;
  /** Referenced mp3 files found in the repo and inspected. */
  audioFiles: number;
  flowTests: number;
  errors: number;
  warnings: number;
}

export function summarizeValidation(result: ValidateResult): ValidationSummary {
  const { repo, sources, problems } = result;
  const read = (dir: string) => [...sources.keys()].filter((file) => file.startsWith(`${posix.join(repo.configDir, dir)}/`)).length;
  const counted = (dir: string, checked: number): Counted => ({ checked, failedSchema: Math.max(0, read(dir) - checked) });
  const errors = problems.filter((p: Problem) => p.severity === 'error').length;
  return {
    files: sources.size,
    numbers: counted('numbers', repo.numbers.length),
    schedules: counted('schedules', repo.schedules.size),
    sharedMessages: counted('messages', repo.messages.size),
    audioFiles: [...repo.audio.values()].filter((a) => a.status === 'ok').length,
    flowTests: repo.numbers.reduce((sum, n) => sum + (n.config.tests?.length ?? 0), 0),
    errors,
    warnings: problems.length - errors,
  };
}

/** "3 numbers, 2 schedules (1 failed the schema), 0 shared messages, 5 audio files, 12 flow tests". */
export function describeChecked(summary: ValidationSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const part = (c: Counted, word: string) => `${plural(c.checked, word)}${c.failedSchema ? ` (${c.failedSchema} more failed the schema)` : ''}`;
  return [
    part(summary.numbers, 'number'),
    part(summary.schedules, 'schedule'),
    part(summary.sharedMessages, 'shared message'),
    plural(summary.audioFiles, 'audio file'),
    plural(summary.flowTests, 'flow test'),
  ].join(', ');
}
