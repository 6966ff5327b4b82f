/**
 * A Mermaid flowchart of one number's desired flow with what the plan changes marked:
 * added steps green, changed yellow, removed red and dashed (kept from the live flow), and
 * branches that disappear drawn dotted. GitHub renders ```mermaid blocks in PR comments.
 */
import { branchesOf, branchLabel } from '../model/step-shape.js';
import { stepDetail } from './describe.js';
import { mergedStepOrder } from './diff-flow.js';
import { type CanonicalFlowDocument, type CanonicalStep } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import type { NumberPlan } from './plan-schema.js';
import { own } from '../model/own.js';

type Mark = 'added' | 'changed' | 'removed';

const CLASS_DEFS = [
  'classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  'classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328',
  'classDef removed fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 5',
];

/** Undefined when the number has no flow to draw (unmanaged, missing, or no flow changes). */
export function renderFlowMermaid(number: NumberPlan): string | undefined {
  const desired = number.desired ? readFlowDocument(number.desired.flow) : undefined;
  if (!desired) return undefined;
  const live = number.live?.flow ? (readFlowDocument(number.live.flow) ?? null) : null;
  const marks = stepMarks(number);
  const order = mergedStepOrder(live, desired);
  const ids = new Map(order.map((name, index) => [name, `s${index}`]));
  const stepOf = (name: string): CanonicalStep | undefined => own(desired.steps, name) ?? (live ? own(live.steps, name) : undefined);

  // Not `call`: a Mermaid keyword (click callbacks) that breaks the parse; ids are s0, s1… for the same reason.
  const lines = ['flowchart TD', '  start_call(["incoming call"])'];
  for (const name of order) {
    const step = stepOf(name)!;
    lines.push(`  ${ids.get(name)}${shape(step, nodeLabel(name, step))}`);
  }
  if (ids.has(desired.start)) lines.push(`  start_call --> ${ids.get(desired.start)}`);
  lines.push(...edges(desired, live, marks, ids));
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  for (const mark of ['added', 'changed', 'removed'] as const) {
    const members = order.filter((name) => marks.get(name) === mark).map((name) => ids.get(name)!);
    if (members.length) lines.push(`  class ${members.join(',')} ${mark}`);
  }
  return lines.join('\n');
}

/** Which steps the plan adds, changes or removes. */
function stepMarks(number: NumberPlan): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const change of number.changes) {
    if (change.kind === 'step-added') marks.set(change.step, 'added');
    else if (change.kind === 'step-removed') marks.set(change.step, 'removed');
    else if ('step' in change && change.step !== null && !marks.has(change.step)) marks.set(change.step, 'changed');
  }
  return marks;
}

function edges(desired: CanonicalFlowDocument, live: CanonicalFlowDocument | null, marks: Map<string, Mark>, ids: Map<string, string>): string[] {
  const lines: string[] = [];
  const kept = new Set<string>();
  for (const [name, step] of Object.entries(desired.steps)) {
    for (const branch of branchesOf(step)) {
      const target = ids.get(branch.target);
      if (!target) continue;
      kept.add(`${name}\u0000${branch.field}\u0000${branch.target}`);
      lines.push(`  ${ids.get(name)} -->|"${escapeLabel(branchLabel(branch.field))}"| ${target}`);
    }
  }
  // Branches live has and desired drops: dotted, so a re-wiring shows where the call used to go.
  for (const [name, step] of Object.entries(live?.steps ?? {})) {
    for (const branch of branchesOf(step)) {
      const target = ids.get(branch.target);
      if (!target || kept.has(`${name}\u0000${branch.field}\u0000${branch.target}`)) continue;
      const label = marks.get(name) === 'removed' ? branchLabel(branch.field) : `${branchLabel(branch.field)} (before)`;
      lines.push(`  ${ids.get(name)} -.->|"${escapeLabel(label)}"| ${target}`);
    }
  }
  return lines;
}

function nodeLabel(name: string, step: CanonicalStep): string {
  const title = step.label ?? name;
  const detail = stepDetail(step, '', 32);
  return [escapeLabel(title), escapeLabel(`${step.type.replace('_', ' ')}${detail ? `: ${detail}` : ''}`)].join('<br/>');
}

/** Decisions as rhombi, endings as stadiums, the rest as boxes. Labels arrive escaped. */
function shape(step: CanonicalStep, label: string): string {
  switch (step.type) {
    case 'time_rule':
    case 'ivr':
    case 'input_ivr':
      return `{"${label}"}`;
    case 'voicemail':
    case 'forward':
    case 'hangup':
      return `(["${label}"])`;
    default:
      return `["${label}"]`;
  }
}

/**
 * Text made safe inside a quoted Mermaid label: Mermaid's entity codes for the characters its
 * parser or the HTML label would read (`#` first, since the codes themselves use it).
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;')
    .replace(/`/g, '#96;');
}
