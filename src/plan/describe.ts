/** Human sentences for changes, shared by the text and Markdown renderers. */
import type { CanonicalMessage, CanonicalStep } from '../model/flow-document.js';
import type { Change, NumberAction, OutsideEdit, SlotValue } from './plan-schema.js';
import { formatBytes } from '../report/format-bytes.js';
import { describeScheduleFields, describeTtsChange } from './describe-detail.js';

import type { ChangeLine } from './change-line.js';

export type { ChangeLine, Sign } from './change-line.js';

export const ACTION_TEXT: Record<NumberAction, string> = {
  'create-flow': 'create flow',
  update: 'update',
  none: 'no changes',
  'missing-live': 'not in the account',
  unmanaged: 'unmanaged (left alone)',
};

export function describeChange(change: Change): ChangeLine {
  switch (change.kind) {
    case 'setting':
      return change.before === null
        ? { sign: '+', text: `${change.field}: ${quote(change.after)}` }
        : { sign: '~', text: `${change.field}: ${quote(change.before)} → ${quote(change.after)}` };
    case 'start-changed':
      return change.before === null
        ? { sign: '+', text: `flow starts at ${change.after}` }
        : { sign: '~', text: `flow starts at ${change.after} (was ${change.before})` };
    case 'step-added':
      return { sign: '+', text: `step ${change.step} (${change.after.type})${stepDetail(change.after, ': ')}` };
    case 'step-removed':
      return { sign: '-', text: `step ${change.step} (${change.before.type})${stepDetail(change.before, ': ')}` };
    case 'step-changed':
      return { sign: '~', text: `${change.step}: ${change.fields.map((f) => `${f.field} ${value(f.before)} → ${value(f.after)}`).join('; ')}` };
    case 'branch-rewired':
      if (change.before === null) return { sign: '+', text: `${change.step}: branch "${change.branch}" → ${change.after}` };
      if (change.after === null) return { sign: '-', text: `${change.step}: branch "${change.branch}" (was → ${change.before})` };
      return { sign: '~', text: `${change.step}: branch "${change.branch}" → ${change.after} (was ${change.before})` };
    case 'message-changed':
      return {
        sign: change.before === null ? '+' : change.after === null ? '-' : '~',
        text: `${change.step}: ${change.slot} ${describeSlotChange(change.before, change.after, 60)}`,
      };
    case 'draft-superseded': {
      const origin = [change.createdAt ? `written ${change.createdAt}` : '', change.author ? `by ${change.author}` : ''].filter(Boolean).join(' ');
      const below = change.published === null ? 'the platform default flow' : `the published v${change.published}`;
      return { sign: '~', text: `unpublished draft v${change.version}${origin ? ` (${origin})` : ''} is left above ${below}; apply publishes a new version over it` };
    }
    case 'audio-upload':
      return { sign: '^', text: `upload ${change.path}${change.size !== undefined ? ` (${formatBytes(change.size)})` : ''}` };
    case 'slot-changed':
      return {
        sign: change.before === null ? '+' : change.after === null ? '-' : '~',
        text: `slot ${change.slot}${change.step ? ` (${change.step})` : ''}: ${change.before === null ? '' : `${describeSlotValue(change.before)} → `}${describeSlotValue(change.after)}`,
      };
  }
}

/**
 * The lines a renderer prints for a change: one for most, one per edit for a schedule, the
 * whole text (word-diffed) for a TTS message. Renderers use this; `describeChange` stays the one-line form.
 */
export function describeChangeLines(change: Change): ChangeLine[] {
  if (change.kind === 'message-changed' && change.before && change.after && 'tts' in change.before && 'tts' in change.after) {
    return [describeTtsChange(change.step, change.slot, change.before, change.after)];
  }
  if (change.kind === 'message-changed') {
    return [{ sign: change.before === null ? '+' : change.after === null ? '-' : '~', text: `${change.step}: ${change.slot} ${describeSlotChange(change.before, change.after, Infinity)}` }];
  }
  if (change.kind === 'step-changed') {
    const schedule = describeScheduleFields(change);
    if (schedule) {
      const rest = change.fields.filter((f) => !f.field.startsWith('schedule.'));
      return [...(rest.length ? [describeChange({ ...change, fields: rest })] : []), ...schedule];
    }
  }
  return [describeChange(change)];
}

/** A slot by content: `file audio/fr/welcome.mp3 #1a2b3c4d`, or the URL when it is not callflow's. */
export function describeSlotValue(value: SlotValue | null): string {
  if (!value) return 'empty';
  if (value.path && value.sha256) return `file ${value.path} #${value.sha256.slice(0, 8)}`;
  return `other URL ${truncate(value.url, 80)}`;
}

/** "flow v3 published by alice at 2026-01-09T22:14:00Z; callflow last wrote it at … (bob)". */
export function describeOutsideEdit(edit: OutsideEdit): string {
  const version = edit.version !== undefined ? `flow v${edit.version} published${edit.by ? ` by ${edit.by}` : ''}${edit.at ? ` at ${edit.at}` : ''}` : '';
  const since = edit.lastWrite ? `changed since callflow last wrote it at ${edit.lastWrite.at} (${edit.lastWrite.who})` : '';
  return [version, since].filter(Boolean).join('; ') || 'changed outside callflow';
}

export function describeMessage(message: CanonicalMessage | { library: string } | null | undefined, max = 60): string {
  if (!message) return 'none';
  if ('tts' in message) return `tts ${quote(truncate(message.tts, max))} (${[message.language, message.voice].filter(Boolean).join(', ')})`;
  if ('audio' in message) return `file ${message.audio.path}${message.audio.sha256 ? ` #${message.audio.sha256.slice(0, 8)}` : ''}`;
  if ('library' in message) return `music "${message.library}"`;
  return `unknown shared message "${message.unresolved}"`;
}

type AudioRef = Extract<CanonicalMessage, { audio: unknown }>['audio'];

/** A recording replaced by another: "file a.mp3 #1a2b3c4d (23.9 KB, 3.2 s) → file a.mp3 #5e6f7a8b (25.1 KB, 3.9 s)". */
function describeRecordingChange(before: AudioRef, after: AudioRef): string {
  const facts = (ref: AudioRef) => {
    const parts = [ref.bytes !== undefined ? formatBytes(ref.bytes) : '', ref.seconds !== undefined ? `${ref.seconds.toFixed(1)} s` : ''].filter(Boolean);
    return parts.length ? ` (${parts.join(', ')})` : ' (size and duration not known)';
  };
  return `${describeMessage({ audio: before })}${facts(before)} → ${describeMessage({ audio: after })}${facts(after)}`;
}

/** Both sides of a changed slot, with a recording's size and duration when a file replaced a file. */
function describeSlotChange(before: CanonicalMessage | { library: string } | null, after: CanonicalMessage | { library: string } | null, max: number): string {
  if (before && after && 'audio' in before && 'audio' in after) return describeRecordingChange(before.audio, after.audio);
  return `${before === null ? '' : `${describeMessage(before, max)} → `}${describeMessage(after, max)}`;
}



/** A few words about what a step does, for lists and diagram nodes. */
export function stepDetail(step: CanonicalStep, prefix = '', max = 40): string {
  const detail = ((): string => {
    switch (step.type) {
      case 'message':
      case 'voicemail':
        return describeMessage(step.message, max);
      case 'time_rule':
        return `schedule ${step.schedule.name}`;
      case 'ivr':
        return `keys ${Object.keys(step.options).join(' ')}`;
      case 'input_ivr':
        return 'key' in step.end ? `input until ${step.end.key}` : `${step.end.digits} digits`;
      case 'ring':
        return 'teams' in step.to ? `team ${step.to.teams.join(', ')}` : `user ${step.to.users.join(', ')}`;
      case 'callback_request':
        return describeMessage(step.confirmation, max);
      case 'forward':
        return `to ${step.to}`;
      case 'hangup':
        return step.message ? describeMessage(step.message, max) : '';
    }
  })();
  return detail ? `${prefix}${detail}` : '';
}

export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}


/** Display quoting: readable, not an escape format (a quote inside stays a quote). */
const quote = (text: string) => `"${text}"`;

function value(item: unknown): string {
  if (item === null || item === undefined) return 'none';
  if (typeof item === 'string') return quote(item);
  return JSON.stringify(item);
}
