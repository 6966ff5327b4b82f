import { escapeControls } from '../model/excerpt.js';
import type { Problem } from '../model/problem.js';
import { plural } from './plural.js';

export interface TextOptions {
  color: boolean;
  /** File texts for code frames. */
  sources: ReadonlyMap<string, string>;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** Terminal output: `file:line:col  error  message  [rule]`, a code frame, then a hint. */
export function formatProblemsText(problems: readonly Problem[], options: TextOptions): string {
  const blocks = problems.map((p) => {
    const severity = p.severity === 'error' ? paint(options.color, '31;1', 'error') : paint(options.color, '33;1', 'warning');
    const head = `${paint(options.color, '1', `${escapeControls(p.file)}:${p.line}:${p.column}`)}  ${severity}  ${escapeControls(p.message)}  ${paint(options.color, '2', `[${escapeControls(p.rule)}]`)}`;
    const frame = codeFrame(options.sources.get(p.file), p, options.color);
    const hint = p.hint ? `  ${paint(options.color, '36', 'hint:')} ${escapeControls(p.hint)}` : '';
    return [head, frame, hint].filter(Boolean).join('\n');
  });
  return blocks.join('\n\n');
}

export function summaryLine(problems: readonly Problem[], filesChecked: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${plural(filesChecked, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function codeFrame(text: string | undefined, problem: Problem, color: boolean): string {
  if (text === undefined) return '';
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, problem.line - 2);
  const last = Math.min(lines.length, problem.line + 1);
  const width = String(last).length;
  // Long lines are shown as a window that keeps the problem's column in view.
  const from = Math.max(0, problem.column - 1 - FRAME_WIDTH / 2);
  const out: string[] = [];
  for (let n = first; n <= last; n += 1) {
    const marker = n === problem.line ? paint(color, '31', '>') : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${frameLine(lines[n - 1] ?? '', from)}`);
    if (n === problem.line) {
      const underline = Math.max(1, (problem.endLine === problem.line && problem.endColumn ? problem.endColumn : problem.column + 1) - problem.column);
      const indent = problem.column - 1 - from + (from > 0 ? 1 : 0);
      out.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, indent))}${paint(color, '31', '^'.repeat(Math.min(underline, 60)))}`);
    }
  }
  return out.join('\n');
}

const FRAME_WIDTH = 160;

/** The part of a line a frame shows, from `from`, with an ellipsis where it was cut and controls escaped. */
function frameLine(line: string, from: number): string {
  if (from > 0 && line.length <= from) return '';
  const visible = line.slice(from, from + FRAME_WIDTH);
  const cut = `${from > 0 ? '…' : ''}${visible}${line.length > from + FRAME_WIDTH ? '…' : ''}`;
  // A raw control character would act on the terminal; its escape is wider, which only shifts the caret.
  return cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
