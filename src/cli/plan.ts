import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { makePlan } from '../apply/make-plan.js';
import { createLogger } from '../logging.js';
import { hasChanges, renderPlanJson, renderPlanMarkdown, renderPlanText, serialisePlan } from '../plan/index.js';
import { parseCommandArgs, pickFormat, resolveLocations } from './args.js';
import { validationChecks } from './checks.js';
import { EXIT, type CliIo } from './io.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow plan [--format text|markdown|json] [--out FILE] [--detailed-exitcode]

Validates the repo, reads the live numbers and prints what apply would change.
--out FILE saves the plan (JSON) for \`callflow apply --plan FILE\`.
Exit 0; with --detailed-exitcode: 0 no changes, 2 changes; 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' }, 'detailed-exitcode': { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const logger = createLogger({ level: values['log-level'], env: io.env });

  const result = await makePlan({ root, configDir, env: io.env, logger, checks: validationChecks(io) });
  if (!result.ok) return printValidationFailure(result.validation, io);
  const { plan, provider } = result;
  await provider.close();

  if (values.out) await writeFile(resolve(io.cwd, values.out), serialisePlan(plan));
  if (format === 'json') io.stdout(renderPlanJson(plan));
  else if (format === 'markdown') io.stdout(renderPlanMarkdown(plan));
  else io.stdout(renderPlanText(plan, { color: io.isTTY }));

  if (plan.summary.errors > 0) return EXIT.error;
  return values['detailed-exitcode'] && hasChanges(plan) ? EXIT.changes : EXIT.ok;
}
