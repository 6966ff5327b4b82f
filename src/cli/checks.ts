import type { RepoCheck } from '../validate/validate-repo.js';
import type { CliIo } from './io.js';

/** The I/O-bound checks `validate` (and later `plan`) run after the pure rules. */
export function validationChecks(_io: CliIo): RepoCheck[] {
  return [];
}
