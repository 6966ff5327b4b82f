import type { AdoptResult } from '../drift/adopt.js';
import { renderDriftJson } from '../drift/render-json.js';
import { renderDriftMarkdown } from '../drift/render-markdown.js';
import { renderDriftText } from '../drift/render-text.js';
import type { DriftReport } from '../drift/report.js';
import { adoptDrift, detectDrift } from '../pipeline/index.js';
import { CommandError, parseCommandArgs, pickFormat } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow drift [--format text|markdown|json] [--adopt]

Compares the config at the checkout with the live numbers, by content (audio by sha256, not by
URL or path), and prints per number what differs, with who changed it and when where the
provider or the local journal (.callflow/journal.jsonl) knows.
--adopt  write the live version of every drifted number into its config file (steps live did
         not change, comments and flow tests are kept; new audio goes to audio/adopted/), so
         the change can be reviewed in a pull request. The account is only read.
Exit 0 in sync (or every drifted number adopted), 2 drift, 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { adopt: { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  const parts = cliParts(values, io);

  if (!values.adopt) {
    const outcome = await detectDrift(parts);
    if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
    print(outcome.report, format, io);
    return outcome.report.inSync ? EXIT.ok : EXIT.changes;
  }

  const outcome = await adoptDrift(parts);
  if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
  if (outcome.kind === 'audio-unavailable') throw new CommandError(`--adopt: nothing written: ${outcome.reason}`);
  print(outcome.report, format, io, outcome.result);
  return outcome.result.skipped.length ? EXIT.changes : EXIT.ok;
}

function print(report: DriftReport, format: 'text' | 'markdown' | 'json', io: CliIo, adopted?: AdoptResult): void {
  if (format === 'json') {
    io.stdout(adopted ? JSON.stringify({ ...report, adopted: adopted.adopted, skipped: adopted.skipped, files: [...adopted.files.map((f) => f.path), ...adopted.audio.map((a) => a.path)], notes: adopted.notes }, null, 2) : renderDriftJson(report));
    return;
  }
  io.stdout(format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report, { color: io.isTTY }));
  if (adopted && !report.inSync) io.stdout(adoptText(adopted));
}

function adoptText(result: AdoptResult): string {
  const lines = result.adopted.map((a) => `adopted ${a.number} → ${a.file}`);
  for (const audio of result.audio) lines.push(`audio ${audio.path} (from live, sha256 ${audio.sha256.slice(0, 12)}…)`);
  for (const file of result.files.filter((f) => !result.adopted.some((a) => a.file === f.path))) lines.push(`wrote ${file.path}`);
  for (const skip of result.skipped) lines.push(`not adopted ${skip.number}: ${skip.reason}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(`Adopted the live version of ${result.adopted.length} number${result.adopted.length === 1 ? '' : 's'} into the config: review with \`git diff\`, run \`callflow validate\`, and open a pull request.`);
  return lines.join('\n');
}
