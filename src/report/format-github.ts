import { escapeControlsInLines } from '../model/excerpt.js';
import type { Problem } from '../model/problem.js';

/** GitHub Actions workflow commands, shown as annotations on the PR's changed lines. */
export function formatProblemsGithub(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const props = [
        `file=${escapeProperty(p.file)}`,
        `line=${p.line}`,
        ...(p.endLine !== undefined ? [`endLine=${p.endLine}`] : []),
        `col=${p.column}`,
        `title=${escapeProperty(`callflow ${p.rule}`)}`,
      ].join(',');
      const text = p.hint ? `${p.message} (hint: ${p.hint})` : p.message;
      return `::${p.severity} ${props}::${escapeData(text)}`;
    })
    .join('\n');
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(value: string): string {
  // Other controls are not the runner's business but a log viewer's: shown as escapes.
  return escapeControlsInLines(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
