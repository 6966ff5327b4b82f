/** The plan for a terminal: one block per number that changes, coloured on a TTY. */
import { ACTION_TEXT, describeChangeLines, describeOutsideEdit, type Sign } from './describe.js';
import type { NumberPlan, Plan } from './plan-schema.js';
import { escapeControls as clean } from '../model/excerpt.js';
import { formatProblemsText } from '../report/format-text.js';
import { plural } from '../report/plural.js';

export interface TextOptions {
  color: boolean;
  /**
   * The repo's file texts, when the plan was made from them now: its problems are then shown as
   * `validate` shows them, with a code frame and the hint. Without them (a saved plan), one line each.
   */
  sources?: ReadonlyMap<string, string>;
}

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const signStyle: Record<Sign, Style> = { '+': 'green', '-': 'red', '~': 'yellow', '^': 'cyan' };
  const lines: string[] = [];

  for (const number of plan.numbers) {
    if (number.action !== 'create-flow' && number.action !== 'update') continue;
    const sign: Sign = number.action === 'create-flow' ? '+' : '~';
    // Names, texts and notes come from files and from the account: shown with controls escaped, so nothing can hide a line.
    lines.push(paint(signStyle[sign], `${sign} ${clean(number.number)}`) + ` ${paint('bold', clean(number.name))} ${paint('dim', `(${clean(number.file ?? '')}) ${ACTION_TEXT[number.action]}`)}`);
    if (number.outsideEdit) {
      lines.push(paint('red', `    ! edited outside callflow: ${clean(describeOutsideEdit(number.outsideEdit))}; applying overwrites that edit`));
    }
    for (const line of number.changes.flatMap(describeChangeLines)) lines.push(`    ${paint(signStyle[line.sign], line.sign)} ${clean(line.text)}`);
    for (const note of number.notes) lines.push(paint('dim', `    note: ${clean(note)}`));
    lines.push('');
  }

  const missing = byAction(plan, 'missing-live');
  const unmanaged = byAction(plan, 'unmanaged');
  const unchanged = byAction(plan, 'none');
  if (unchanged.length) lines.push(paint('dim', `unchanged: ${unchanged.map((n) => clean(n.number)).join(', ')}`));
  if (unmanaged.length) lines.push(`unmanaged (in the account, in no config file; left alone): ${unmanaged.map(label).join(', ')}`);
  if (missing.length) lines.push(paint('red', `not in the account (numbers are bought, not created): ${missing.map(label).join(', ')}`));
  const edited = plan.numbers.filter((n) => n.outsideEdit);
  if (edited.length) lines.push(paint('red', `edited outside callflow since callflow last wrote them (this plan overwrites those edits): ${edited.map(label).join(', ')}`));
  if (options.sources && plan.problems.length) {
    if (lines.length && lines.at(-1) !== '') lines.push('');
    lines.push(formatProblemsText(plan.problems, { color: options.color, sources: options.sources }), '');
  } else {
    for (const problem of plan.problems) {
      const where = `${problem.file}:${problem.line}:${problem.column}`;
      lines.push(`${paint(problem.severity === 'error' ? 'red' : 'yellow', problem.severity)} ${clean(where)} ${clean(problem.message)} ${paint('dim', `[${clean(problem.rule)}]`)}`);
    }
  }
  for (const limitation of plan.provider.limitations) lines.push(paint('dim', `provider: ${clean(limitation)}`));
  if (lines.length && lines.at(-1) !== '') lines.push('');
  lines.push(paint('bold', summaryText(plan)));
  return lines.join('\n');
}

/** "Plan: 1 flow to create, 2 numbers to update, 5 unchanged; 3 files to upload; …" */
export function summaryText(plan: Plan): string {
  const s = plan.summary;
  const parts = [
    `${plural(s.createFlow, 'flow')} to create`,
    `${plural(s.update, 'number')} to update`,
    `${s.unchanged} unchanged`,
  ];
  const extra = [
    s.uploads ? `${plural(s.uploads, 'file')} to upload` : '',
    s.unmanaged ? `${s.unmanaged} unmanaged` : '',
    s.missingLive ? `${s.missingLive} not in the account` : '',
    edited(plan) ? `${edited(plan)} edited outside callflow` : '',
    s.errors ? `${plural(s.errors, 'error')}` : '',
    s.warnings ? `${plural(s.warnings, 'warning')}` : '',
  ].filter(Boolean);
  return `Plan: ${parts.join(', ')}${extra.length ? `; ${extra.join(', ')}` : ''}.`;
}

const edited = (plan: Plan) => plan.numbers.filter((n) => n.outsideEdit).length;
const byAction = (plan: Plan, action: NumberPlan['action']) => plan.numbers.filter((n) => n.action === action);
const label = (n: NumberPlan) => clean(`${n.number} (${n.name})`);
