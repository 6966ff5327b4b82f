/**
 * The way back from a live canonical flow to the YAML a team writes (export and adopt): each
 * step as its config, defaults left implicit, TTS languages only where they differ from the
 * number's. Loading the result gives the same canonical document again, so a plan after an
 * export or an adopt has nothing to change.
 */
import { DEFAULT_IVR_TIMEOUT_SECONDS, DEFAULT_RING_SECONDS, type Message, type ScheduleConfig, type Step } from '../config/schema/index.js';
import type { CanonicalFlowDocument, CanonicalMessage, CanonicalSchedule, CanonicalStep } from '../model/flow-document.js';

export interface AudioUse {
  /** Path the live document names (informative: identity is the hash). */
  path: string;
  sha256: string;
}

export interface StepContext {
  /** The number's language: TTS in it needs no `language:`. */
  language: string;
  /** Where a live file goes in the repo (by content). */
  audioPath: (audio: AudioUse) => string;
}

/** Why a live flow cannot be written as YAML, if it cannot. */
export function unexportable(flow: CanonicalFlowDocument): string | undefined {
  for (const [name, step] of Object.entries(flow.steps)) {
    for (const message of messagesOf(step)) {
      if ('unresolved' in message) return `step ${name} names a shared message that does not exist ("${message.unresolved}")`;
      if ('audio' in message && !message.audio.sha256) return `step ${name} plays ${message.audio.path} without a content hash, so its audio cannot be fetched`;
    }
  }
  return undefined;
}

export function flowToConfig(flow: CanonicalFlowDocument, context: StepContext): { start: string; steps: Record<string, Step> } {
  return { start: flow.start, steps: Object.fromEntries(Object.entries(flow.steps).map(([name, step]) => [name, stepToConfig(step, context)])) };
}

export function stepToConfig(step: CanonicalStep, context: StepContext): Step {
  const msg = (message: CanonicalMessage) => messageToConfig(message, context);
  const label = step.label === undefined ? {} : { label: step.label };
  switch (step.type) {
    case 'message':
      return { type: 'message', ...label, message: msg(step.message), next: step.next };
    case 'time_rule':
      return { type: 'time_rule', ...label, schedule: step.schedule.ref, open: step.open, closed: step.closed, ...(step.holiday !== step.closed ? { holiday: step.holiday } : {}) };
    case 'ivr':
      return compact({
        type: 'ivr' as const,
        ...label,
        prompt: step.prompt && msg(step.prompt),
        options: { ...step.options },
        timeout_seconds: step.timeout_seconds === DEFAULT_IVR_TIMEOUT_SECONDS ? undefined : step.timeout_seconds,
        retries: step.retries && compact({ count: step.retries.count, message: step.retries.message && msg(step.retries.message), final_message: step.retries.final_message && msg(step.retries.final_message) }),
        no_input: step.no_input,
        invalid_input: step.invalid_input,
      });
    case 'input_ivr':
      return compact({
        type: 'input_ivr' as const,
        ...label,
        prompt: step.prompt && msg(step.prompt),
        end: 'key' in step.end ? { key: step.end.key as '#' | '*' } : { digits: step.end.digits },
        timeout_seconds: step.timeout_seconds === DEFAULT_IVR_TIMEOUT_SECONDS ? undefined : step.timeout_seconds,
        min_digits: step.min_digits,
        max_digits: step.max_digits,
        retries: step.retries && compact({ count: step.retries.count, message: step.retries.message && msg(step.retries.message), final_message: step.retries.final_message && msg(step.retries.final_message) }),
        next: step.next,
        no_input: step.no_input,
        invalid_input: step.invalid_input,
      });
    case 'ring':
      return compact({
        type: 'ring' as const,
        ...label,
        to: ringTo(step.to),
        ring_seconds: step.ring_seconds === DEFAULT_RING_SECONDS ? undefined : step.ring_seconds,
        waiting: compact({
          title: step.waiting.title,
          music: 'library' in step.waiting.music ? { library: step.waiting.music.library as 'ringtone' } : { file: context.audioPath(audioOf(step.waiting.music.audio)) },
        }),
        unanswered: step.unanswered,
      });
    case 'voicemail':
      return compact({ type: 'voicemail' as const, ...label, message: msg(step.message), max_seconds: step.max_seconds });
    case 'callback_request':
      return { type: 'callback_request', ...label, confirmation: msg(step.confirmation), next: step.next };
    case 'forward':
      return compact({
        type: 'forward' as const,
        ...label,
        to: step.to,
        message: step.message && msg(step.message),
        ring_seconds: step.unanswered !== undefined && step.ring_seconds === DEFAULT_RING_SECONDS ? undefined : step.ring_seconds,
        unanswered: step.unanswered,
      });
    case 'hangup':
      return compact({ type: 'hangup' as const, ...label, message: step.message && msg(step.message) });
  }
}

export function messageToConfig(message: CanonicalMessage, context: StepContext): Message {
  if ('tts' in message) return compact({ tts: message.tts, language: message.language === context.language ? undefined : message.language, voice: message.voice });
  if ('audio' in message) return { file: context.audioPath(audioOf(message.audio)) };
  // Refused earlier by `unexportable`; a ref keeps validation's message if it ever gets here.
  return { ref: message.unresolved };
}

/** A schedule file from an inlined live schedule (its `ref` is the file name). */
export function scheduleToConfig(schedule: CanonicalSchedule): ScheduleConfig {
  return compact({
    name: schedule.name,
    timezone: schedule.timezone,
    holiday_calendar: schedule.holiday_calendar,
    weekly: schedule.weekly,
    holidays: schedule.holidays.length ? schedule.holidays : undefined,
    special_days: schedule.special_days.length ? schedule.special_days : undefined,
  });
}

/** Every recorded file a live flow plays, with its hash. */
export function audioOfLiveFlow(flow: CanonicalFlowDocument): AudioUse[] {
  const out = new Map<string, AudioUse>();
  for (const step of Object.values(flow.steps)) {
    const music = step.type === 'ring' && 'audio' in step.waiting.music ? [step.waiting.music] : [];
    for (const message of [...messagesOf(step), ...music]) {
      if ('audio' in message && message.audio.sha256) out.set(`${message.audio.path}\u0000${message.audio.sha256}`, audioOf(message.audio));
    }
  }
  return [...out.values()];
}

/** The TTS language used most in a flow: the number's language when the provider does not say. */
export function mainLanguage(flow: CanonicalFlowDocument): string | undefined {
  const counts = new Map<string, number>();
  for (const step of Object.values(flow.steps)) {
    for (const message of messagesOf(step)) if ('tts' in message) counts.set(message.language, (counts.get(message.language) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export function schedulesOf(flow: CanonicalFlowDocument): CanonicalSchedule[] {
  return Object.values(flow.steps).flatMap((step) => (step.type === 'time_rule' ? [step.schedule] : []));
}

function messagesOf(step: CanonicalStep): CanonicalMessage[] {
  const all: Array<CanonicalMessage | undefined> = [];
  switch (step.type) {
    case 'ivr':
    case 'input_ivr':
      all.push(step.prompt, step.retries?.message, step.retries?.final_message);
      break;
    case 'callback_request':
      all.push(step.confirmation);
      break;
    case 'time_rule':
    case 'ring':
      break;
    default:
      all.push(step.message);
  }
  return all.filter((m): m is CanonicalMessage => m !== undefined);
}

function audioOf(audio: { path: string; sha256?: string }): AudioUse {
  return { path: audio.path, sha256: audio.sha256 ?? '' };
}

function ringTo(to: { teams: string[] } | { users: string[] }) {
  if ('teams' in to) return to.teams.length === 1 ? { team: to.teams[0]! } : { teams: [...to.teams] };
  return to.users.length === 1 ? { user: to.users[0]! } : { users: [...to.users] };
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
