import { formatProblemsText, summaryLine } from '../report/format-text.js';
import type { ValidateResult } from '../pipeline/validate-repo.js';
import { EXIT, type CliIo } from './io.js';

/** `plan` and `apply` stop before touching the account when the repo has errors. */
export function printValidationFailure(validation: ValidateResult, io: CliIo): number {
  io.stderr(formatProblemsText(validation.problems, { color: io.isTTY, sources: validation.sources }));
  io.stderr(`${summaryLine(validation.problems, validation.sources.size)}: fix the errors above; nothing was read from or written to the account`);
  return EXIT.error;
}
