/**
 * Flow → music & messages slots (SPEC §5, README "Aircall"): a platform without call-flow
 * endpoints (Aircall's public API) still plays one file per slot of a number. This is the one
 * place that says which element of a canonical flow fills which slot:
 *
 *   welcome         the opening message (the start step, when it is a message step)
 *   ivr             the prompt of the first IVR callers reach in open hours
 *   waiting         the waiting music of the first ring step callers reach in open hours
 *   voicemail       the message of the first voicemail callers reach in open hours
 *   after_hours     the first thing the closed branch of the first time rule plays
 *   callback_later  the confirmation of the first callback request
 *
 * `ringing_tone`, `unanswered_call` and `closed` are never filled. A second element that
 * would fill a slot with other content is a conflict (only the first can be applied); an
 * audible element no slot carries is listed as unmapped.
 */
import { slotsOf, targetsOf } from './step-shape.js';
import type { CanonicalFlowDocument, CanonicalMessage, CanonicalMusic, CanonicalStep } from './flow-document.js';

export const MESSAGE_SLOTS = ['welcome', 'waiting', 'ringing_tone', 'unanswered_call', 'after_hours', 'ivr', 'voicemail', 'closed', 'callback_later'] as const;
export type MessageSlot = (typeof MESSAGE_SLOTS)[number];

export type SlotContent = CanonicalMessage | CanonicalMusic;

/** One element of the flow (a step's message, prompt, confirmation or waiting music). */
export interface FlowElement {
  step: string;
  /** Dotted field inside the step: `message`, `prompt`, `waiting.music`, `retries.message`… */
  field: string;
  content: SlotContent;
}

export interface FilledSlot extends FlowElement {
  slot: MessageSlot;
}

export interface SlotMapping {
  /** At most one element per slot: the first that fills it. */
  filled: FilledSlot[];
  /** An element that would fill a slot already filled with other content. */
  conflicts: Array<{ element: FilledSlot; kept: FilledSlot }>;
  /** Audible elements that no slot carries. */
  unmapped: FlowElement[];
}

export function messageSlotsOf(flow: CanonicalFlowDocument): SlotMapping {
  const mapping: SlotMapping = { filled: [], conflicts: [], unmapped: [] };
  const mapped = new Set<string>();
  const fill = (slot: MessageSlot, element: FlowElement | undefined) => {
    if (!element) return;
    mapped.add(key(element));
    const kept = mapping.filled.find((f) => f.slot === slot);
    if (!kept) mapping.filled.push({ ...element, slot });
    else if (!sameContent(kept.content, element.content)) mapping.conflicts.push({ element: { ...element, slot }, kept });
  };

  const open = walkOpenHours(flow, flow.start);
  for (const name of open) {
    const step = flow.steps[name]!;
    if (step.type === 'message' && name === flow.start) fill('welcome', element(name, step, 'message'));
    if (step.type === 'ivr') fill('ivr', element(name, step, 'prompt'));
    if (step.type === 'ring') fill('waiting', element(name, step, 'waiting.music'));
    if (step.type === 'voicemail') fill('voicemail', element(name, step, 'message'));
    if (step.type === 'callback_request') fill('callback_later', element(name, step, 'confirmation'));
  }
  const rule = open.map((name) => flow.steps[name]!).find((step) => step.type === 'time_rule');
  const closed = rule?.type === 'time_rule' ? walkOpenHours(flow, rule.closed) : [];
  const firstHeard = closed.flatMap((name) => elementsOf(name, flow.steps[name]!)).find((e) => e.field !== 'waiting.music');
  fill('after_hours', firstHeard);
  for (const name of closed) {
    const step = flow.steps[name]!;
    if (step.type === 'callback_request') fill('callback_later', element(name, step, 'confirmation'));
  }

  for (const [name, step] of Object.entries(flow.steps)) {
    for (const e of elementsOf(name, step)) if (!mapped.has(key(e)) && !isDefaultRingtone(e.content)) mapping.unmapped.push(e);
  }
  return mapping;
}

/** Steps reachable from `from` in reading order, taking only the open branch of time rules. */
function walkOpenHours(flow: CanonicalFlowDocument, from: string): string[] {
  const seen: string[] = [];
  const queue = [from];
  while (queue.length) {
    const name = queue.shift()!;
    const step = flow.steps[name];
    if (!step || seen.includes(name)) continue;
    seen.push(name);
    const branches = step.type === 'time_rule' ? [step.open] : targetsOf(step);
    queue.push(...branches);
  }
  return seen;
}

function element(step: string, shape: CanonicalStep, field: string): FlowElement | undefined {
  return elementsOf(step, shape).find((e) => e.field === field);
}

function elementsOf(step: string, shape: CanonicalStep): FlowElement[] {
  return slotsOf(shape).map((slot) => ({ step, field: slot.field, content: slot.value as SlotContent }));
}

/** Files by content hash, everything else by value. */
export function sameContent(a: SlotContent, b: SlotContent): boolean {
  if ('audio' in a && 'audio' in b) return a.audio.sha256 !== undefined ? a.audio.sha256 === b.audio.sha256 : a.audio.path === b.audio.path;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A ring step with no waiting music gets the platform's ringtone: nothing to carry. */
function isDefaultRingtone(content: SlotContent): boolean {
  return 'library' in content && content.library === 'ringtone';
}

const key = (e: FlowElement) => `${e.step}\u0000${e.field}`;
