/**
 * Changes a reviewer must see in full: a TTS text as a word-level diff of the whole text
 * ("[-old-]{+new+}", as `git diff --word-diff=plain` writes it), and a schedule's edits one
 * line each ("+ holiday 2027-05-08", "~ friday 09:00-18:00 → 09:00-17:00").
 */
import { diffWords } from 'diff';
import type { CanonicalMessage } from '../model/flow-document.js';
import type { Change } from './plan-schema.js';
import type { ChangeLine } from './change-line.js';

type StepChanged = Extract<Change, { kind: 'step-changed' }>;
type Tts = Extract<CanonicalMessage, { tts: string }>;

/** The whole new text with the words removed and added marked; never truncated. */
export function wordDiff(before: string, after: string): string {
  return diffWords(before, after)
    .map((part) => (part.added ? `{+${part.value}+}` : part.removed ? `[-${part.value}-]` : part.value))
    .join('');
}

export function describeTtsChange(step: string, slot: string, before: Tts, after: Tts): ChangeLine {
  const voice = (m: Tts) => [m.language, m.voice].filter(Boolean).join(', ');
  const settings = voice(before) === voice(after) ? voice(after) : `${voice(before)} → ${voice(after)}`;
  const text = before.tts === after.tts ? `"${after.tts}"` : `"${wordDiff(before.tts, after.tts)}"`;
  return { sign: '~', text: `${step}: ${slot} tts (${settings}) ${text}` };
}

type Dated = { date: string; name?: string; hours?: string[] };

const named = (item: Dated) => `${item.date}${item.name ? ` ${item.name}` : ''}`;
const ranges = (value: unknown) => (Array.isArray(value) && value.length ? value.join(', ') : 'closed');

/** A step-changed whose fields include a schedule's: one line per schedule edit, the other fields as one line. */
export function describeScheduleFields(change: StepChanged): ChangeLine[] | undefined {
  const schedule = change.fields.filter((f) => f.field.startsWith('schedule.'));
  if (schedule.length === 0) return undefined;
  const lines: ChangeLine[] = [];
  for (const { field, before, after } of schedule) {
    const key = field.slice('schedule.'.length);
    if (key.startsWith('weekly.')) {
      const day = key.slice('weekly.'.length);
      if (before === null || before === undefined) lines.push({ sign: '+', text: `${change.step}: ${day} ${ranges(after)}` });
      else if (after === null || after === undefined) lines.push({ sign: '-', text: `${change.step}: ${day} ${ranges(before)} (now closed)` });
      else lines.push({ sign: '~', text: `${change.step}: ${day} ${ranges(before)} → ${ranges(after)}` });
    } else if (key === 'holidays' || key === 'special_days') {
      lines.push(...datedLines(change.step, key === 'holidays' ? 'holiday' : 'special day', asDated(before), asDated(after)));
    } else {
      lines.push({ sign: '~', text: `${change.step}: schedule ${key.replace(/_/g, ' ')} ${shown(before)} → ${shown(after)}` });
    }
  }
  return lines;
}

function datedLines(step: string, what: string, before: Dated[], after: Dated[]): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const was = new Map(before.map((item) => [item.date, item]));
  const now = new Map(after.map((item) => [item.date, item]));
  const hours = (item: Dated) => (item.hours ? ` ${ranges(item.hours)}` : '');
  for (const item of before) if (!now.has(item.date)) lines.push({ sign: '-', text: `${step}: ${what} ${named(item)}${hours(item)}` });
  for (const item of after) {
    const old = was.get(item.date);
    if (!old) lines.push({ sign: '+', text: `${step}: ${what} ${named(item)}${hours(item)}` });
    else if (JSON.stringify(old) !== JSON.stringify(item)) lines.push({ sign: '~', text: `${step}: ${what} ${named(old)}${hours(old)} → ${named(item)}${hours(item)}` });
  }
  return lines.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
}

const dateOf = (line: ChangeLine) => /\d{4}-\d{2}-\d{2}/.exec(line.text)?.[0] ?? '';
const asDated = (value: unknown): Dated[] => (Array.isArray(value) ? (value as Dated[]) : []);
const shown = (value: unknown) => (value === null || value === undefined ? 'none' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value));
