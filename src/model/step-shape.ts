/**
 * What every step type is made of, once for the YAML and the canonical document alike (their
 * field names agree by design): which fields lead to another step and which hold something the
 * caller hears. Rules, plans, diagrams, safety and the simulator all read this one table.
 */
import type { PathSegment } from '../config/locate.js';
import type { Step, StepType } from '../config/schema/index.js';
import type { CanonicalStep } from './flow-document.js';

type AnyStep = Step | CanonicalStep;

/** Branch fields in reading order; an IVR's options come before them, in the order written. */
const BRANCH_FIELDS: Readonly<Record<StepType, readonly string[]>> = {
  message: ['next'],
  time_rule: ['open', 'closed', 'holiday'],
  ivr: ['no_input', 'invalid_input'],
  input_ivr: ['next', 'no_input', 'invalid_input'],
  ring: ['unanswered'],
  voicemail: [],
  callback_request: ['next'],
  forward: ['unanswered'],
  hangup: [],
};

/** Message slots (a message, a prompt, waiting music), as paths inside the step. */
const SLOT_PATHS: Readonly<Record<StepType, readonly (readonly string[])[]>> = {
  message: [['message']],
  time_rule: [],
  ivr: [['prompt'], ['retries', 'message'], ['retries', 'final_message']],
  input_ivr: [['prompt'], ['retries', 'message'], ['retries', 'final_message']],
  ring: [['waiting', 'music']],
  voicemail: [['message']],
  callback_request: [['confirmation']],
  forward: [['message']],
  hangup: [['message']],
};

/** Every dotted slot field any step has: `message`, `prompt`, `retries.message`, … */
export const SLOT_FIELDS: ReadonlySet<string> = new Set(Object.values(SLOT_PATHS).flatMap((paths) => paths.map((p) => p.join('.'))));

/** One outgoing edge of a step. */
export interface Branch {
  /** Dotted field path inside the step: `next`, `options.1`, `no_input`… (the edge's identity). */
  field: string;
  /** The same as YAML path segments, for positions: ['options', '1']. */
  path: PathSegment[];
  /** As written in YAML, for messages about the file: `next`, `option 1`, `no_input`. */
  label: string;
  target: string;
}

export function branchesOf(step: AnyStep): Branch[] {
  const out: Branch[] = [];
  if (step.type === 'ivr') {
    for (const [key, target] of Object.entries(step.options)) out.push({ field: `options.${key}`, path: ['options', key], label: `option ${key}`, target });
  }
  const fields = step as unknown as Readonly<Record<string, unknown>>;
  for (const field of BRANCH_FIELDS[step.type]) {
    const target = fields[field];
    if (typeof target === 'string' && target) out.push({ field, path: [field], label: field, target });
  }
  return out;
}

/**
 * Where a step can go next, targets only, in branchesOf's order: for checks that read every
 * step of every flow (the flow graph, unknown steps), without an object per edge.
 */
export function targetsOf(step: AnyStep): string[] {
  const out: string[] = step.type === 'ivr' ? Object.values(step.options) : [];
  const fields = step as unknown as Readonly<Record<string, unknown>>;
  for (const field of BRANCH_FIELDS[step.type]) {
    const target = fields[field];
    if (typeof target === 'string' && target) out.push(target);
  }
  return out;
}

/** A message slot that holds something. */
export interface Slot {
  /** Dotted: `prompt`, `retries.message`, `waiting.music`. */
  field: string;
  path: PathSegment[];
  value: unknown;
}

/** SLOT_PATHS with their dotted names, built once: slotsOf runs for every step of every check. */
const SLOTS = Object.fromEntries(
  Object.entries(SLOT_PATHS).map(([type, paths]) => [type, paths.map((path) => ({ field: path.join('.'), path }))]),
) as unknown as Readonly<Record<StepType, ReadonlyArray<{ field: string; path: readonly string[] }>>>;

export function slotsOf(step: AnyStep): Slot[] {
  const out: Slot[] = [];
  for (const { field, path } of SLOTS[step.type]) {
    let value: unknown = step;
    for (const key of path) value = value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (value !== undefined && value !== null && typeof value === 'object') out.push({ field, path: [...path], value });
  }
  return out;
}

/** True for a dotted field path that holds a branch target. */
export function isBranchField(field: string): boolean {
  return field.startsWith('options.') || Object.values(BRANCH_FIELDS).some((fields) => fields.includes(field));
}

const READER_LABELS: Readonly<Record<string, string>> = { no_input: 'no input', invalid_input: 'invalid input' };

/** What a reader of a plan or a diagram calls a branch: `1`, `next`, `no input`, `open`. */
export function branchLabel(field: string): string {
  return field.startsWith('options.') ? field.slice('options.'.length) : (READER_LABELS[field] ?? field);
}

/** Steps where a call can end: answered by an agent, recorded, transferred or hung up. */
export function canEndHere(step: AnyStep): boolean {
  return step.type === 'ring' || step.type === 'voicemail' || step.type === 'forward' || step.type === 'hangup';
}
