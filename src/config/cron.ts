import { validateDetailed } from 'node-cron';

/**
 * A cron expression node-cron accepts (5 fields, or 6 with seconds first), or why not. The one
 * parser `serve` schedules with, so `validate` refuses exactly what `serve` could not run.
 */
export function cronProblem(expression: string): string | undefined {
  const checked = validateDetailed(expression);
  if (checked.valid) return undefined;
  const why = checked.errors
    .map((e) => (e.field === 'expression' || e.value === undefined ? e.message : `${e.field} "${e.value}": ${e.message}`))
    .join('; ');
  return why || 'not a cron expression';
}
