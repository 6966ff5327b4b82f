import { fileStem } from '../model/file-stem.js';
import { excerpt } from '../model/excerpt.js';
import type { FlowTestResult, Mismatch } from './flow-tests.js';
import { NOT_RUN_BECAUSE, type UntestedNumber } from './untested.js';
import { plural } from '../report/plural.js';

/** Steps named in a path before the rest are counted. */
const ARROW_STEPS = 20;

const arrow = (steps: readonly string[]) => {
  if (!steps.length) return '(none)';
  const shown = steps.slice(0, ARROW_STEPS).map((step) => excerpt(step));
  return steps.length > ARROW_STEPS ? `${shown.join(' → ')} → … (${steps.length - ARROW_STEPS} more)` : shown.join(' → ');
};
const quoted = (text: string | undefined) => `"${excerpt(text ?? '')}"`;

/** The lines that say how a failing test diverged: expected vs actual, and the first differing step. */
export function describeMismatch(mismatch: Mismatch): string[] {
  switch (mismatch.kind) {
    case 'path': {
      const step = mismatch.index + 1;
      const want = mismatch.expected[mismatch.index];
      const got = mismatch.actual[mismatch.index];
      const first =
        want === undefined
          ? `step ${step}: expected the call to end, but it went on to ${quoted(got)}`
          : got === undefined
            ? `step ${step}: expected ${quoted(want)}, but the call had ended`
            : `step ${step}: expected ${quoted(want)}, got ${quoted(got)}`;
      return [
        `expected path: ${arrow(mismatch.expected)}`,
        `actual path:   ${arrow(mismatch.actual)}`,
        `first divergence at ${first}${mismatch.because ? ` (${mismatch.because})` : ''}`,
      ];
    }
    case 'hears':
      return [
        `expected to hear ${quoted(mismatch.missing)} (hears item ${mismatch.afterIndex + 1}) but did not${mismatch.afterIndex ? ' after the previous items' : ''}`,
        `heard: ${mismatch.heard.slice(0, ARROW_STEPS).map(quoted).join(', ') || '(nothing)'}${mismatch.heard.length > ARROW_STEPS ? `, … (${mismatch.heard.length - ARROW_STEPS} more)` : ''}`,
      ];
    case 'ends':
      return [`expected the call to end by ${excerpt(mismatch.expected)}, it ended by ${mismatch.actual}`];
    case 'input':
      return [mismatch.message];
  }
}

/** One-line summary for a Problem message or a PR comment cell. */
export function summarizeFailure(result: FlowTestResult): string {
  const first = result.mismatches[0];
  if (!first) return 'passed';
  const lines = describeMismatch(first);
  return first.kind === 'path' ? lines[2]! : lines[0]!;
}

/** The results, one line per number whose tests were not run, and the counts. */
export function renderTestResults(results: readonly FlowTestResult[], notRun: readonly UntestedNumber[] = []): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✓' : '✗'} ${excerpt(result.numberFile)} › ${excerpt(result.name, 100)}${result.passed ? '' : `  (${result.file}:${result.line})`}`);
    for (const mismatch of result.mismatches) lines.push(...describeMismatch(mismatch).map((line) => `    ${line}`));
  }
  for (const { entry, tests, reason } of notRun) {
    lines.push(`– ${excerpt(fileStem(entry.file))}: ${plural(tests, 'flow test')} not run: ${NOT_RUN_BECAUSE[reason]}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  const skipped = notRun.reduce((sum, u) => sum + u.tests, 0);
  lines.push(`${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''} (${results.length + skipped} flow tests)`);
  return lines.join('\n');
}
