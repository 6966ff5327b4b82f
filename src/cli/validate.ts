import { formatProblemsGithub } from '../report/format-github.js';
import { formatProblemsJson } from '../report/format-json.js';
import { formatProblemsText, summaryLine } from '../report/format-text.js';
import { hasErrors } from '../model/problem.js';
import { validateRepo } from '../pipeline/validate-repo.js';
import { describeChecked, summarizeValidation } from '../pipeline/validation-summary.js';
import { parseCommandArgs, pickFormat, resolveLocations } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { validationChecks } from './checks.js';

export const usage = `Usage: callflow validate [--root DIR] [--config DIR] [--format text|json|github]

Parses every file under config/, checks it against the schema and the rules, and
inspects the audio it references. Exit 0 when there is no error (warnings allowed), 1 otherwise.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {});
  const format = pickFormat(values.format, ['text', 'json', 'github'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const result = await validateRepo({ root, configDir }, validationChecks(io));
  const { problems } = result;

  const summary = summarizeValidation(result);
  if (format === 'json') io.stdout(formatProblemsJson(problems, summary));
  else if (format === 'github') {
    if (problems.length) io.stdout(formatProblemsGithub(problems));
    io.stdout(summaryLine(problems, result.sources.size));
  } else {
    if (problems.length) io.stdout(`${formatProblemsText(problems, { color: io.isTTY, sources: result.sources })}\n`);
    io.stdout(`${summaryLine(problems, result.sources.size)} (checked: ${describeChecked(summary)})`);
  }
  return hasErrors(problems) ? EXIT.error : EXIT.ok;
}
