import type { NumberConfig } from '../config/schema/index.js';
import type { Problem } from '../model/problem.js';
import type { Entry, Repo } from '../model/repo.js';
import { validateRepo } from '../pipeline/validate-repo.js';
import { formatProblemsText } from '../report/format-text.js';
import { findNumber, noNumberMatches, unloadedNumberFile, unloadedNumberFiles } from '../simulate/find-number.js';
import { runFlowTests } from '../simulate/flow-tests.js';
import { renderTestResults } from '../simulate/test-report.js';
import { sharedFileErrors, testedNumbers, untestedNumbers, type UntestedNumber } from '../simulate/untested.js';
import { parseCommandArgs, pickFormat, resolveLocations } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { plural } from '../report/plural.js';

export const usage = `Usage: callflow test [NUMBER...] [--format text|json] [--root DIR] [--config DIR]

Runs the flow tests (the \`tests:\` of each number file, or of the NUMBERs given: E.164
number, file name or path). A failing test shows the expected and actual paths and the
first step where they diverge. The tests of a number whose file has errors, or that uses a
schedule or shared message that failed to load or has errors, are not run: the errors are
shown instead.
Exit 0 when all pass, 1 when one fails or cannot run.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, true);
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const { repo, problems, sources } = await validateRepo({ root, configDir });

  const numbers: Entry<NumberConfig>[] = [];
  for (const query of positionals) {
    const entry = findNumber(repo, query, io.cwd);
    const unloaded = entry ? undefined : unloadedNumberFile(repo, sources.keys(), query, io.cwd);
    if (unloaded) {
      io.stdout(formatProblemsText(problems.filter((p) => p.severity === 'error' && p.file === unloaded), { color: io.isTTY, sources }));
      io.stderr(`callflow test: ${unloaded} did not load (errors above): its flow tests cannot run`);
      return EXIT.error;
    }
    if (!entry) {
      io.stderr(`callflow test: ${noNumberMatches(repo, query, io.cwd)}`);
      return EXIT.error;
    }
    numbers.push(entry);
  }
  const selected = positionals.length ? numbers : repo.numbers;
  const notRun = untestedNumbers(repo, problems, selected);
  const results = runFlowTests(repo, testedNumbers(selected, notRun));
  const errors = errorsStoppingTests(repo, problems, notRun);
  const failed = results.some((r) => !r.passed) || errors.length > 0 || notRun.length > 0;

  if (format === 'json') {
    const json = results.map(({ simulation, ...result }) => ({ ...result, actual: simulation && { path: simulation.path, ending: simulation.ending } }));
    const skipped = notRun.map(({ entry, tests, reason }) => ({ file: entry.file, number: entry.config.number, tests, reason }));
    io.stdout(JSON.stringify({ results: json, notRun: skipped, problems: errors }, null, 2));
  } else {
    if (errors.length) io.stdout(`${formatProblemsText(errors, { color: io.isTTY, sources })}\n`);
    const unloaded = positionals.length ? 0 : unloadedNumberFiles(repo, sources.keys()).length;
    const notLoaded = unloaded ? `\n${plural(unloaded, 'number file')} did not load (errors above): ${unloaded === 1 ? 'its' : 'their'} flow tests did not run` : '';
    io.stdout(results.length || notRun.length ? `${renderTestResults(results, notRun)}${notLoaded}` : notLoaded.trim() || 'no flow tests (add `tests:` to a number file)');
  }
  return failed ? EXIT.error : EXIT.ok;
}

/**
 * The errors that keep tests from running: those of files that did not load (a number file not
 * loaded has no tests to run; a schedule or message, the numbers using it), those of the numbers
 * whose tests were not run and of the schedules and messages they use. Other errors are
 * `validate`'s to report.
 */
function errorsStoppingTests(repo: Repo, problems: readonly Problem[], notRun: readonly UntestedNumber[]): Problem[] {
  const loaded = new Set([...repo.numbers, ...repo.schedules.values(), ...repo.messages.values()].map((entry) => entry.file));
  const untested = new Set(notRun.map((u) => u.entry.file));
  const shared = new Set(notRun.flatMap((u) => sharedFileErrors(repo, u.entry.config, problems)));
  return problems.filter((p) => p.severity === 'error' && (untested.has(p.file) || !loaded.has(p.file) || shared.has(p)));
}
