import type { Problem } from '../model/problem.js';

/**
 * SPEC §4: `{"problems":[{"severity","rule","message","file","line","column"}]}` (plus hint when any),
 * and, from `validate`, a `summary` of what was checked.
 */
export function formatProblemsJson(problems: readonly Problem[], summary?: object): string {
  return JSON.stringify(
    {
      problems: problems.map((p) => ({
        severity: p.severity,
        rule: p.rule,
        message: p.message,
        file: p.file,
        line: p.line,
        column: p.column,
        ...(p.endLine !== undefined ? { endLine: p.endLine, endColumn: p.endColumn } : {}),
        ...(p.hint ? { hint: p.hint } : {}),
      })),
      ...(summary ? { summary } : {}),
    },
    null,
    2,
  );
}
