/**
 * Step-by-step difference between two canonical flows: steps added and removed, and for a
 * step on both sides its re-wired branches, changed messages and other changed fields.
 */
import { branchLabel, isBranchField, SLOT_FIELDS } from '../model/step-shape.js';
import type { CanonicalFlowDocument, CanonicalMessage, CanonicalStep } from '../model/flow-document.js';
import type { Change } from './plan-schema.js';
import { sameContent } from './stable-json.js';
import { stepOrder } from '../model/order.js';
import { own } from '../model/own.js';


type Slot = CanonicalMessage | { library: string };

/** `before` null: live still has the platform default flow, so every step is new. */
export function diffFlows(before: CanonicalFlowDocument | null, after: CanonicalFlowDocument): Change[] {
  const changes: Change[] = [];
  if (before?.start !== after.start) changes.push({ kind: 'start-changed', before: before?.start ?? null, after: after.start });
  const old = before?.steps ?? {};
  for (const name of mergedStepOrder(before, after)) {
    const was = own(old, name);
    const now = own(after.steps, name);
    if (!was && now) changes.push({ kind: 'step-added', step: name, after: now });
    else if (was && !now) changes.push({ kind: 'step-removed', step: name, before: was });
    else if (was && now) changes.push(...diffStep(name, was, now));
  }
  return changes;
}

/** Desired reading order, with steps only live has slotted in after the desired ones. */
export function mergedStepOrder(before: CanonicalFlowDocument | null, after: CanonicalFlowDocument): string[] {
  const order = stepOrder(after.start, after.steps);
  if (!before) return order;
  const known = new Set(order);
  return [...order, ...stepOrder(before.start, before.steps).filter((name) => !known.has(name))];
}

export function diffStep(step: string, before: CanonicalStep, after: CanonicalStep): Change[] {
  const was = flatten(before);
  const now = flatten(after);
  const changes: Change[] = [];
  const fields: Array<{ field: string; before: unknown; after: unknown }> = [];
  // Desired field order first: the change list reads like the YAML it comes from.
  for (const field of unionKeys(now, was)) {
    const a = was.get(field);
    const b = now.get(field);
    if (SLOT_FIELDS.has(field)) {
      if (!sameSlot(a as Slot | undefined, b as Slot | undefined)) {
        changes.push({ kind: 'message-changed', step, slot: field, before: (a as Slot | undefined) ?? null, after: (b as Slot | undefined) ?? null });
      }
    } else if (sameContent(a, b)) {
      continue;
    } else if (isBranchField(field)) {
      changes.push({ kind: 'branch-rewired', step, field, branch: branchLabel(field), before: (a as string | undefined) ?? null, after: (b as string | undefined) ?? null });
    } else {
      fields.push({ field, before: a ?? null, after: b ?? null });
    }
  }
  // Field changes first: a type change explains the re-wirings that follow it.
  return fields.length ? [{ kind: 'step-changed', step, fields }, ...changes] : changes;
}

/**
 * "By content hash for files, by text/voice/language for TTS": a file moved to another path
 * with the same content is no change; without a hash on both sides the path decides.
 */
export function sameSlot(a: Slot | undefined, b: Slot | undefined): boolean {
  if (a && b && 'audio' in a && 'audio' in b) {
    return a.audio.sha256 && b.audio.sha256 ? a.audio.sha256 === b.audio.sha256 : a.audio.path === b.audio.path;
  }
  // Runs of spaces and line breaks read the same to a caller; a platform may collapse them.
  if (a && b && 'tts' in a && 'tts' in b) return sameContent({ ...a, tts: spoken(a.tts) }, { ...b, tts: spoken(b.tts) });
  return sameContent(a, b);
}

function spoken(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Dotted field paths to values, descending into objects but not into arrays or message slots. */
function flatten(step: CanonicalStep): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, prefix: string) => {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!isObject || SLOT_FIELDS.has(prefix)) {
      out.set(prefix, value);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) walk(item, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(step, '');
  return out;
}

function unionKeys(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}
