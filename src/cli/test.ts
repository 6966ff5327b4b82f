import { loadRepo } from '../config/load.js';
import { formatProblemsText } from '../report/format-text.js';
import { findNumber, noNumberMatches } from '../simulate/find-number.js';
import { runFlowTests } from '../simulate/flow-tests.js';
import { renderTestResults } from '../simulate/test-report.js';
import { parseCommandArgs, pickFormat, resolveLocations } from './args.js';
import { EXIT, type CliIo } from './io.js';

export const usage = `Usage: callflow test [NUMBER...] [--format text|json] [--root DIR] [--config DIR]

Runs the flow tests (the \`tests:\` of each number file, or of the NUMBERs given: E.164
number, file name or path). A failing test shows the expected and actual paths and the
first step where they diverge. Exit 0 when all pass, 1 when one fails or cannot run.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, true);
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const { repo, problems, sources } = await loadRepo({ root, configDir });

  // A number file with parse or schema errors is not loaded, so its tests cannot run: that fails too.
  const loadErrors = problems.filter((p) => p.severity === 'error');
  const numbers = [];
  for (const query of positionals) {
    const entry = findNumber(repo, query, io.cwd);
    if (!entry) {
      io.stderr(`callflow test: ${noNumberMatches(repo, query, io.cwd)}`);
      return EXIT.error;
    }
    numbers.push(entry);
  }
  const results = runFlowTests(repo, positionals.length ? numbers : repo.numbers);
  const failed = results.some((r) => !r.passed) || loadErrors.length > 0;

  if (format === 'json') {
    const json = results.map(({ simulation, ...result }) => ({ ...result, actual: simulation && { path: simulation.path, ending: simulation.ending } }));
    io.stdout(JSON.stringify({ results: json, problems: loadErrors }, null, 2));
  } else {
    if (loadErrors.length) io.stdout(`${formatProblemsText(loadErrors, { color: io.isTTY, sources })}\n`);
    io.stdout(results.length ? renderTestResults(results) : 'no flow tests (add `tests:` to a number file)');
  }
  return failed ? EXIT.error : EXIT.ok;
}
