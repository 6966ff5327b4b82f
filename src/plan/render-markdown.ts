/**
 * The plan for a pull request: a hidden marker (the sticky-comment helper finds its comment by
 * it), a summary table, problems, then per changed number a collapsible section with the
 * change list, a unified YAML diff and a Mermaid diagram. GitHub refuses comments over 65,536
 * characters, so detail is dropped in stages — diagrams, then diffs, then per-number sections,
 * then table rows — and the comment says what was left out. With `group`, numbers that get
 * identical changes share one section (and, when even that is too long, one table row) before
 * anything is dropped, so a change made to many numbers at once stays reviewable in full.
 */
import { escapeControlsInLines } from '../model/excerpt.js';
import { ACTION_TEXT, describeChangeLines, describeOutsideEdit } from './describe.js';
import { changedNumbers } from './plan.js';
import type { NumberPlan, Plan } from './plan-schema.js';
import { groupIdenticalChanges } from './group-changes.js';
import { renderFlowMermaid } from './render-mermaid.js';
import { summaryText } from './render-text.js';
import { numberYamlDiff } from './yaml-diff.js';
import { plural } from '../report/plural.js';

export const PLAN_MARKER = '<!-- callflow-plan -->';
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Characters allowed (default GitHub's comment limit). */
  maxChars?: number;
  /** Said in the "left out" note: where the whole plan can be seen. */
  fullPlanHint?: string;
  /** Before leaving anything out, show numbers that get identical changes once. */
  group?: boolean;
}

/** Detail levels, richest first; the renderer uses the first that fits. */
const LEVELS = [
  { diagrams: true, diffs: true },
  { diagrams: false, diffs: true },
  { diagrams: false, diffs: false },
] as const;
interface Level {
  diagrams: boolean;
  diffs: boolean;
  /** How many changed numbers get a section (in plan order). */
  sections: number;
  /** How many rows of the summary table are shown. */
  rows: number;
  /** One table row per group of numbers with identical changes. */
  groupedTable?: boolean;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const hint = options.fullPlanHint ?? 'run `callflow plan` locally or download the plan artifact for everything';
  const fits = (sections: Section[], level: Level) => compose(plan, sections, level, hint).length <= max;
  const each = changedNumbers(plan).map((number) => ({ numbers: [number], parts: sectionParts(number) }));
  const all = { sections: Infinity, rows: Infinity };

  for (const level of LEVELS) if (fits(each, { ...level, ...all })) return compose(plan, each, { ...level, ...all }, hint);
  const sections = options.group ? groupSections(changedNumbers(plan)) : each;
  // Grouped sections, richest first; under the full table if it fits, else a table of one row per group.
  if (options.group) {
    for (const level of LEVELS) {
      for (const groupedTable of [false, true]) if (fits(sections, { ...level, ...all, groupedTable })) return compose(plan, sections, { ...level, ...all, groupedTable }, hint);
    }
  }

  // Change lists only, for as many sections as fit (at least none), then a grouped table, then table rows as a last resort.
  const bare = { diagrams: false, diffs: false };
  const count = largestFitting(sections.length, (n) => fits(sections, { ...bare, sections: n, rows: Infinity }));
  if (count > 0 || fits(sections, { ...bare, sections: 0, rows: Infinity })) return compose(plan, sections, { ...bare, sections: count, rows: Infinity }, hint);
  const groupedTable = options.group === true;
  const tableRows = groupedTable ? groupIdenticalChanges(tableNumbers(plan)).length : tableNumbers(plan).length;
  if (groupedTable) {
    const grouped = largestFitting(sections.length, (n) => fits(sections, { ...bare, sections: n, rows: Infinity, groupedTable }));
    if (grouped > 0 || fits(sections, { ...bare, sections: 0, rows: Infinity, groupedTable })) return compose(plan, sections, { ...bare, sections: grouped, rows: Infinity, groupedTable }, hint);
  }
  const rows = largestFitting(tableRows, (n) => fits(sections, { ...bare, sections: 0, rows: n, groupedTable }));
  return compose(plan, sections, { ...bare, sections: 0, rows, groupedTable }, hint);
}

/** Largest n in [0, limit] with fits(n), for fits monotone (true up to some n, false after). */
function largestFitting(limit: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** One or more numbers shown as one: their changes (and those of the first number) are identical. */
interface Section {
  numbers: NumberPlan[];
  parts: { changes: string; diff: string; diagram: string | undefined };
}

function groupSections(numbers: NumberPlan[]): Section[] {
  return groupIdenticalChanges(numbers).map((group) => ({ numbers: group, parts: sectionParts(group[0]!) }));
}

const tableNumbers = (plan: Plan) => plan.numbers.filter((n) => n.action !== 'unmanaged');

/** Like Terraform's "objects have changed outside of Terraform": a reviewer sees whose edit the PR overwrites. */
function outsideEdits(plan: Plan): string[] {
  const edited = plan.numbers.filter((n) => n.outsideEdit);
  if (edited.length === 0) return [];
  const lines = edited.slice(0, 50).map((n) => `> - \`${n.number}\` ${inline(n.name)}: ${inline(describeOutsideEdit(n.outsideEdit!))}`);
  if (edited.length > 50) lines.push(`> - … and ${edited.length - 50} more`);
  return ['> [!WARNING]', `> **Edited outside callflow** since callflow last wrote ${edited.length === 1 ? 'it' : 'them'}: merging this plan overwrites ${edited.length === 1 ? 'that edit' : 'those edits'}.`, ...lines, ''];
}

function sectionParts(number: NumberPlan) {
  const edit = number.outsideEdit ? [`- **edited outside callflow**: ${inline(describeOutsideEdit(number.outsideEdit))}`] : [];
  const changes = number.changes.flatMap(describeChangeLines).map((line) => `- \`${line.sign}\` ${inline(line.text)}`);
  const notes = number.notes.map((note) => `- _note: ${inline(note)}_`);
  const diagram = renderFlowMermaid(number);
  return {
    changes: [...edit, ...changes, ...notes].join('\n'),
    diff: fenced('diff', numberYamlDiff(number)),
    diagram: diagram === undefined ? undefined : fenced('mermaid', diagram),
  };
}

function compose(plan: Plan, sections: Section[], level: Level, hint: string): string {
  const out = [PLAN_MARKER, `### callflow plan`, '', summaryText(plan), ''];
  out.push(...(level.groupedTable ? groupedTable(plan, level.rows) : table(plan, level.rows)), '');
  out.push(...problems(plan));
  out.push(...outsideEdits(plan));
  const unmanaged = plan.numbers.filter((n) => n.action === 'unmanaged');
  if (unmanaged.length) {
    out.push(`**Unmanaged** (in the account, in no config file; never touched): ${unmanaged.map((n) => `\`${n.number}\` ${cell(n.name)}`).join(', ')}`, '');
  }
  for (const limitation of plan.provider.limitations) out.push(`> Provider: ${inline(limitation)}`, '');

  {
    for (const { numbers, parts } of sections.slice(0, level.sections)) {
      const number = numbers[0]!;
      const others = numbers.length > 1 ? ` and ${plural(numbers.length - 1, 'other number')} with the same changes` : '';
      out.push(`<details><summary><code>${number.number}</code> ${html(number.name)}${others} — ${ACTION_TEXT[number.action]}, ${counts(number)}</summary>`, '');
      if (numbers.length > 1) {
        const which = level.groupedTable ? `the ${numbers.length} numbers of its row in the table` : numbers.map((n) => `\`${n.number}\` ${inline(n.name)}`).join(', ');
        out.push(`The same changes for ${which}; the diff and diagram are those of \`${number.number}\`.`, '');
      }
      out.push(parts.changes, '');
      if (level.diffs) out.push(parts.diff, '');
      if (level.diagrams && parts.diagram) out.push(parts.diagram, '', '<sub>green: added · yellow: changed · red, dashed: removed · dotted arrows: branches that go away</sub>', '');
      out.push('</details>', '');
    }
  }

  const grouped = sections.slice(0, level.sections).some((s) => s.numbers.length > 1);
  if (grouped || level.groupedTable) {
    out.push(`<sub>Numbers that get identical changes are shown together, to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit.</sub>`, '');
  }
  const left = leftOut(plan, sections, level);
  if (left.length) out.push(`> [!NOTE]\n> Left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit: ${left.join('; ')}. To see them, ${hint}.`, '');
  out.push(`<sub>plan checksum <code>${plan.checksum.slice(0, 12)}</code> · ${html(plan.generatedAt)}</sub>`);
  // Names and texts come from files and from the account: no control character reaches the page raw.
  return escapeControlsInLines(`${out.join('\n')}\n`);
}

function counts(number: NumberPlan): string {
  const uploads = number.changes.filter((c) => c.kind === 'audio-upload').length;
  const changes = number.changes.length - uploads;
  return uploads ? `${plural(changes, 'change')}, ${plural(uploads, 'upload')}` : plural(changes, 'change');
}

function table(plan: Plan, maxRows: number): string[] {
  const rows = plan.numbers.filter((n) => n.action !== 'unmanaged');
  if (rows.length === 0) return ['_No numbers in config._'];
  const shown = rows.slice(0, maxRows);
  const lines = ['| Number | Name | Action | Changes | Uploads |', '|---|---|---|---:|---:|'];
  for (const n of shown) {
    const uploads = n.changes.filter((c) => c.kind === 'audio-upload').length;
    const changes = n.changes.length - uploads;
    lines.push(`| \`${n.number}\` | ${cell(n.name)} | ${ACTION_TEXT[n.action]} | ${changes} | ${uploads} |`);
  }
  return lines;
}

/** The summary table with one row per group of numbers that get identical changes. */
function groupedTable(plan: Plan, maxRows: number): string[] {
  const groups = groupIdenticalChanges(tableNumbers(plan));
  if (groups.length === 0) return ['_No numbers in config._'];
  const lines = ['| Numbers | Names | Action | Changes | Uploads |', '|---|---|---|---:|---:|'];
  for (const group of groups.slice(0, maxRows)) {
    const first = group[0]!;
    const uploads = first.changes.filter((c) => c.kind === 'audio-upload').length;
    const names = group.length === 1 ? cell(first.name) : `${group.length} numbers`;
    lines.push(`| ${group.map((n) => `\`${n.number}\``).join(', ')} | ${names} | ${ACTION_TEXT[first.action]} | ${first.changes.length - uploads} | ${uploads} |`);
  }
  return lines;
}

function problems(plan: Plan): string[] {
  if (plan.problems.length === 0) return [];
  const lines = plan.problems.slice(0, 50).map((p) => `- **${p.severity}** \`${p.file}:${p.line}\` ${inline(p.message)} (\`${p.rule}\`)`);
  if (plan.problems.length > 50) lines.push(`- … and ${plan.problems.length - 50} more`);
  return [...lines, ''];
}

function leftOut(plan: Plan, sections: Section[], level: Level): string[] {
  const shown = sections.slice(0, level.sections);
  const numbersIn = (list: Section[]) => list.reduce((sum, s) => sum + s.numbers.length, 0);
  const withDiagram = numbersIn(shown.filter((s) => s.parts.diagram));
  const out: string[] = [];
  if (!level.diagrams && withDiagram) out.push(`flow diagrams for ${plural(withDiagram, 'number')}`);
  if (!level.diffs && shown.length) out.push(`YAML diffs for ${plural(numbersIn(shown), 'number')}`);
  const total = numbersIn(sections);
  const hidden = total - numbersIn(shown);
  if (hidden) out.push(`per-number details (change lists, YAML diffs, diagrams) for ${hidden === total ? '' : `${hidden} of `}${plural(total, 'number')}`);
  const rows = level.groupedTable ? groupIdenticalChanges(tableNumbers(plan)).length : tableNumbers(plan).length;
  if (level.rows < rows) out.push(`${rows - level.rows} of ${rows} rows of the summary table`);
  return out;
}


/** A code block whose fence is longer than any backtick run inside (TTS text may contain some). */
function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.replace(/\n$/, '')}\n${fence}`;
}

/** Text inside HTML (summary lines): no tags, no entities. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text in a Markdown line: HTML-escaped, Markdown punctuation that would format it escaped. */
function inline(text: string): string {
  return html(text).replace(/([\\`*_[\]|~])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

/** A table cell: as inline, pipes already escaped. */
const cell = inline;
