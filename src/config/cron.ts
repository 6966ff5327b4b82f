import { createRequire } from 'node:module';
import type { validateDetailed as ValidateDetailed } from 'node-cron';

/** node-cron, loaded when a schedule is written at all: most repos keep the default, and validate need not load a scheduler for them. */
let validateDetailed: typeof ValidateDetailed | undefined;

/**
 * A cron expression node-cron accepts (5 fields, or 6 with seconds first), or why not. The one
 * parser `serve` schedules with, so `validate` refuses exactly what `serve` could not run.
 */
export function cronProblem(expression: string): string | undefined {
  validateDetailed ??= (createRequire(import.meta.url)('node-cron') as typeof import('node-cron')).validateDetailed;
  const checked = validateDetailed(expression);
  if (checked.valid) return undefined;
  const why = checked.errors
    .map((e) => (e.field === 'expression' || e.value === undefined ? e.message : `${e.field} "${e.value}": ${e.message}`))
    .join('; ');
  return why || 'not a cron expression';
}
