/**
 * The drift report in Markdown (job summary, `drift --format markdown`, the drift issue): a
 * table of the numbers that differ, then per number what differs, live against Git. Long
 * reports keep the table and drop details past `maxChars`.
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
  if (!report.inSync) head.push(...table(report), '');
  const tail: string[] = [];
  if (report.unmanaged.length) tail.push(`Unmanaged (in the account, in no config file; not compared): ${report.unmanaged.map((n) => `\`${n.number}\``).join(', ')}`, '');
  for (const limitation of report.provider.limitations) tail.push(`> Provider: ${inline(limitation)}`, '');

  const out = [...head];
  let shown = 0;
  for (const number of report.numbers) {
    const section = details(number);
    if ([...out, ...section, ...tail].join('\n').length + 200 > max) break;
    out.push(...section);
    shown += 1;
  }
  if (shown < report.numbers.length) out.push(`_Details of ${report.numbers.length - shown} more number(s) left out for length: run \`callflow drift\` to see everything._`, '');
  return `${[...out, ...tail].join('\n').trimEnd()}\n`;
}

function table(report: DriftReport): string[] {
  const lines = ['| Number | Name | Differences | Who / when |', '|---|---|---:|---|'];
  for (const n of report.numbers) lines.push(`| \`${n.number}\` | ${inline(n.name)} | ${n.differences.length} | ${inline(describeCause(n.cause))} |`);
  return lines;
}

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
