import { renderDriftJson } from '../drift/render-json.js';
import { renderDriftMarkdown } from '../drift/render-markdown.js';
import { renderDriftText } from '../drift/render-text.js';
import { detectDrift } from '../pipeline/index.js';
import { parseCommandArgs, pickFormat } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow drift [--format text|markdown|json]

Compares the config at the checkout with the live numbers, by content (audio by sha256, not by
URL or path), and prints per number what differs, with who changed it and when where the
provider or the local journal (.callflow/journal.jsonl) knows.
Exit 0 in sync, 2 drift, 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {});
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');

  const outcome = await detectDrift(cliParts(values, io));
  if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
  const { report } = outcome;
  if (format === 'json') io.stdout(renderDriftJson(report));
  else if (format === 'markdown') io.stdout(renderDriftMarkdown(report));
  else io.stdout(renderDriftText(report, { color: io.isTTY }));
  return report.inSync ? EXIT.ok : EXIT.changes;
}
