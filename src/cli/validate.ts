import { formatProblemsGithub } from '../report/format-github.js';
import { formatProblemsJson } from '../report/format-json.js';
import { formatProblemsText, summaryLine } from '../report/format-text.js';
import { hasErrors } from '../model/problem.js';
import { validateRepo } from '../pipeline/validate-repo.js';
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

  if (format === 'json') io.stdout(formatProblemsJson(problems));
  else if (format === 'github') {
    if (problems.length) io.stdout(formatProblemsGithub(problems));
    io.stdout(summaryLine(problems, result.sources.size));
  } else {
    if (problems.length) io.stdout(`${formatProblemsText(problems, { color: io.isTTY, sources: result.sources })}\n`);
    const { repo } = result;
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const counts = [count(repo.numbers.length, 'number'), count(repo.schedules.size, 'schedule'), count(repo.messages.size, 'shared message'), count(repo.audio.size, 'audio file')].join(', ');
    io.stdout(`${summaryLine(problems, result.sources.size)} (${counts})`);
  }
  return hasErrors(problems) ? EXIT.error : EXIT.ok;
}
