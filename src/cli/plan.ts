import { hasChanges, renderPlanJson, renderPlanMarkdown, renderPlanText, serialisePlan } from '../plan/index.js';
import { planRepo } from '../pipeline/index.js';
import { parseCommandArgs, pickFormat, UsageError } from './args.js';
import { writeUserFile } from './files.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow plan [--format text|markdown|json] [--out FILE] [--detailed-exitcode]

Validates the repo, reads the live numbers and prints what apply would change.
--out FILE saves the plan (JSON) for \`callflow apply --plan FILE\`.
Exit 0; with --detailed-exitcode: 0 no changes, 2 changes; 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' }, 'detailed-exitcode': { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  if (values.out === '') throw new UsageError('--out needs a file name');

  const outcome = await planRepo(cliParts(values, io));
  if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
  const { plan } = outcome;

  if (values.out) await writeUserFile(io, values.out, serialisePlan(plan));
  if (format === 'json') io.stdout(renderPlanJson(plan));
  else if (format === 'markdown') io.stdout(renderPlanMarkdown(plan));
  else io.stdout(renderPlanText(plan, { color: io.isTTY }));

  if (plan.summary.errors > 0) return EXIT.error;
  return values['detailed-exitcode'] && hasChanges(plan) ? EXIT.changes : EXIT.ok;
}
