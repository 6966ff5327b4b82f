/**
 * The drift report in Markdown (job summary, `drift --format markdown`, the drift issue): a
 * table of the numbers that differ, then per number what differs, live against Git. Past
 * `maxChars` the table comes first: details go, then table rows, and the text says so.
 */
import { describeCause } from './describe-cause.js';
import { driftSummary } from './render-text.js';
import type { DriftReport, NumberDrift } from './report.js';

export interface DriftMarkdownOptions {
  /** Heading line; default `### callflow drift`. */
  heading?: string;
  /** Characters allowed for the whole text; details are dropped past it. */
  maxChars?: number;
}

export function renderDriftMarkdown(report: DriftReport, options: DriftMarkdownOptions = {}): string {
  const max = options.maxChars ?? Infinity;
  const head = [options.heading ?? '### callflow drift', '', driftSummary(report), ''];
  const tail: string[] = [];
  if (report.unmanaged.length) {
    const listed = report.unmanaged.slice(0, 50).map((n) => `\`${n.number}\``).join(', ');
    const more = report.unmanaged.length > 50 ? ` and ${report.unmanaged.length - 50} more` : '';
    tail.push(`Unmanaged (in the account, in no config file; not compared): ${listed}${more}`, '');
  }
  for (const limitation of report.provider.limitations) tail.push(`> Provider: ${inline(limitation)}`, '');
  // Room for the notes on what was left out.
  const budget: Budget = { left: max - 400 - length(head) - length(tail) };

  const rows = report.inSync ? [] : takeWhileFits(report.numbers.map(row), budget, length(TABLE_HEAD));
  const sections = takeWhileFits(report.numbers.slice(0, rows.length).map(details), budget, 0);
  const out = [...head];
  if (rows.length) out.push(...TABLE_HEAD, ...rows);
  if (rows.length < report.numbers.length) out.push('', `_${report.numbers.length - rows.length} more number(s) left out of the table for length: run \`callflow drift\` to see everything._`);
  if (rows.length) out.push('');
  for (const section of sections) out.push(...section);
  if (sections.length < rows.length) out.push(`_Details of ${rows.length - sections.length} number(s) left out for length: run \`callflow drift\` to see everything._`, '');
  return `${[...out, ...tail].join('\n').trimEnd()}\n`;
}

const TABLE_HEAD = ['| Number | Name | Differences | Who / when |', '|---|---|---:|---|'];

function row(n: NumberDrift): string {
  return `| \`${n.number}\` | ${inline(n.name)} | ${n.differences.length} | ${inline(describeCause(n.cause))} |`;
}

/** Characters left to spend, shared by the table and the details. */
interface Budget {
  left: number;
}

/** The leading items that fit in the budget (plus `overhead` once, when any is taken). */
function takeWhileFits<T extends string | string[]>(items: T[], budget: Budget, overhead: number): T[] {
  const taken: T[] = [];
  for (const item of items) {
    const cost = length(Array.isArray(item) ? item : [item]) + (taken.length === 0 ? overhead : 0);
    if (cost > budget.left) break;
    budget.left -= cost;
    taken.push(item);
  }
  return taken;
}

const length = (lines: readonly string[]) => lines.reduce((sum, line) => sum + line.length + 1, 0);

function details(number: NumberDrift): string[] {
  const rows = number.differences.map((d) => `| ${inline(d.where)} | ${inline(d.live)} | ${inline(d.git)} |`);
  return [
    `<details><summary><code>${number.number}</code> ${html(number.name)}${number.file ? ` — ${html(number.file)}` : ''}</summary>`,
    '',
    `_${inline(describeCause(number.cause))}_`,
    '',
    '| Where | Live | Git |',
    '|---|---|---|',
    ...rows,
    '',
    '</details>',
    '',
  ];
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text in a Markdown line or table cell: no HTML, no formatting, no line breaks. */
export function inline(text: string): string {
  return html(text).replace(/([\\`*_[\]|~])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}
