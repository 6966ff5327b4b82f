/**
 * Music & messages slots of one number (providers without call flows, e.g. Aircall): the
 * flow → slot mapping of `model/message-slots.ts` turned into the URL each slot should hold,
 * compared with live by content (the sha256 in callflow's URLs). callflow only writes slots a
 * file fills, and clears only slots holding a URL it wrote; others are left as they are.
 */
import type { NumberConfig } from '../config/schema/index.js';
import { parsePublicAudioUrl, publicAudioUrl } from '../model/audio-url.js';
import type { NumberMessages } from '../model/live.js';
import { MESSAGE_SLOTS, messageSlotsOf, type FilledSlot, type FlowElement } from '../model/message-slots.js';
import type { CanonicalFlowDocument } from '../model/flow-document.js';
import type { Problem } from '../model/problem.js';
import type { Entry } from '../model/repo.js';
import { problemAt } from '../rules/rule.js';
import type { Change, SlotValue } from './plan-schema.js';

export interface SlotPlanInput {
  entry: Entry<NumberConfig>;
  flow: CanonicalFlowDocument;
  live: NumberMessages;
  /** `audio.publicBaseUrl`; without it no file can be given to the platform. */
  baseUrl: string | undefined;
}

export interface SlotPlan {
  changes: Change[];
  notes: string[];
  problems: Problem[];
}

export function planSlots(input: SlotPlanInput): SlotPlan {
  const mapping = messageSlotsOf(input.flow);
  const out: SlotPlan = { changes: [], notes: [], problems: [] };
  for (const slot of MESSAGE_SLOTS) {
    const filled = mapping.filled.find((f) => f.slot === slot);
    const before = liveValue(input.live[slot], input.baseUrl);
    const after = filled ? desiredValue(filled, input, out) : undefined;
    if (after === undefined) {
      // Not a file: callflow removes only what it wrote, and leaves the rest to the dashboard.
      if (before?.sha256 && !filled) out.changes.push({ kind: 'slot-changed', slot, step: null, before, after: null });
      continue;
    }
    if (before?.sha256 === after.sha256) continue;
    out.changes.push({ kind: 'slot-changed', slot, step: filled!.step, before, after });
  }
  for (const { element, kept } of mapping.conflicts) {
    out.problems.push(
      problemAt(input.entry, elementPath(element), 'warning', 'plan/slot-conflict',
        `Aircall has one "${element.slot}" slot per number, mapped from ${describe(kept)}: ${describe(element)} differs and cannot be represented`,
        { hint: 'use the same audio for both, or keep this part of the flow in the Aircall dashboard' }),
    );
  }
  if (mapping.unmapped.length) {
    out.notes.push(`no music & messages slot carries ${mapping.unmapped.map((e) => `${e.step}.${e.field}`).join(', ')}: those stay as set in the Aircall dashboard`);
  }
  return out;
}

/** A live URL: its content hash and repo path when callflow wrote it (our base URL and a `sha256` query). */
function liveValue(url: string | null | undefined, baseUrl: string | undefined): SlotValue | null {
  if (!url) return null;
  const ours = baseUrl ? parsePublicAudioUrl(baseUrl, url) : undefined;
  return ours ? { url, path: ours.path, sha256: ours.sha256 } : { url };
}

function desiredValue(filled: FilledSlot, input: SlotPlanInput, out: SlotPlan): Required<SlotValue> | undefined {
  const content = filled.content;
  if ('tts' in content) {
    out.notes.push(`${filled.slot} (${filled.step}.${filled.field}) is text-to-speech: Aircall's API takes files only, so this slot stays managed in the Aircall dashboard`);
    return undefined;
  }
  if ('library' in content) {
    if (content.library !== 'ringtone') out.notes.push(`${filled.slot} (${filled.step}.${filled.field}) is library music "${content.library}": Aircall's API takes files only, so this slot stays managed in the Aircall dashboard`);
    return undefined;
  }
  if (!('audio' in content) || !content.audio.sha256) return undefined;
  if (!input.baseUrl) {
    out.problems.push(
      problemAt(input.entry, elementPath(filled), 'error', 'plan/audio-base-url', `the "${filled.slot}" slot needs a public URL for ${content.audio.path}, but audio.publicBaseUrl is not set`, {
        hint: 'set audio.publicBaseUrl in config/callflow.yaml to where the repo files are served (GitHub Pages, a bucket synced in CI)',
      }),
    );
    return undefined;
  }
  return { url: publicAudioUrl(input.baseUrl, content.audio.path, content.audio.sha256), path: content.audio.path, sha256: content.audio.sha256 };
}

function elementPath(element: FlowElement): string[] {
  return ['flow', 'steps', element.step, ...element.field.split('.')];
}

function describe(element: FlowElement): string {
  const content = element.content;
  const what = 'audio' in content ? content.audio.path : 'tts' in content ? 'text-to-speech' : 'library' in content ? (content.library === 'ringtone' ? 'the default ringtone' : `library music "${content.library}"`) : 'an unknown message';
  return `${element.step}.${element.field} (${what})`;
}
