import type { FlowTestResult, Mismatch } from './flow-tests.js';

const arrow = (steps: readonly string[]) => (steps.length ? steps.join(' → ') : '(none)');

/** The lines that say how a failing test diverged: expected vs actual, and the first differing step. */
export function describeMismatch(mismatch: Mismatch): string[] {
  switch (mismatch.kind) {
    case 'path': {
      const step = mismatch.index + 1;
      const want = mismatch.expected[mismatch.index];
      const got = mismatch.actual[mismatch.index];
      const first =
        want === undefined
          ? `step ${step}: expected the call to end, but it went on to "${got}"`
          : got === undefined
            ? `step ${step}: expected "${want}", but the call had ended`
            : `step ${step}: expected "${want}", got "${got}"`;
      return [
        `expected path: ${arrow(mismatch.expected)}`,
        `actual path:   ${arrow(mismatch.actual)}`,
        `first divergence at ${first}${mismatch.because ? ` (${mismatch.because})` : ''}`,
      ];
    }
    case 'hears':
      return [
        `expected to hear "${mismatch.missing}" (hears item ${mismatch.afterIndex + 1}) but did not${mismatch.afterIndex ? ' after the previous items' : ''}`,
        `heard: ${mismatch.heard.map((h) => JSON.stringify(h)).join(', ') || '(nothing)'}`,
      ];
    case 'ends':
      return [`expected the call to end by ${mismatch.expected}, it ended by ${mismatch.actual}`];
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

export function renderTestResults(results: readonly FlowTestResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✓' : '✗'} ${result.numberFile} › ${result.name}${result.passed ? '' : `  (${result.file}:${result.line})`}`);
    for (const mismatch of result.mismatches) lines.push(...describeMismatch(mismatch).map((line) => `    ${line}`));
  }
  const failed = results.filter((r) => !r.passed).length;
  lines.push(`${results.length - failed} passed, ${failed} failed (${results.length} flow tests)`);
  return lines.join('\n');
}
