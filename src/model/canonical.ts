/**
 * Desired state → canonical model: a validated number file becomes the FlowDocument that
 * apply would store, with shared messages and schedules resolved and every default explicit,
 * so that a YAML rewrite which changes nothing a caller hears changes nothing here either.
 */
import {
  DEFAULT_IVR_TIMEOUT_SECONDS,
  DEFAULT_RING_SECONDS,
  type IvrStep,
  type Message,
  type NumberConfig,
  type RingStep,
  type Step,
} from '../config/schema/index.js';
import { resolveMessage } from './messages.js';
import type { Entry, Repo } from './repo.js';
import {
  FLOW_SCHEMA_VERSION,
  type CanonicalFlowDocument,
  type CanonicalMessage,
  type CanonicalSchedule,
  type CanonicalStep,
} from './flow-document.js';
import { sortedOptions, sortedWeekly, stepOrder } from './order.js';
import { expandWeekly } from './weekly.js';

/** The number-level settings a plan compares (the provider's number fields). */
export interface NumberSettings {
  name: string;
  timezone: string;
  language: string;
}

export interface CanonicalNumber {
  number: string;
  /** Repo-relative file the number comes from. */
  file: string;
  settings: NumberSettings;
  flow: CanonicalFlowDocument;
}

/** What a flow refers to; without `audio` (a simulation), files are identified by path alone. */
type RepoParts = Pick<Repo, 'messages' | 'schedules'> & Partial<Pick<Repo, 'audio'>>;

export function canonicalNumber(entry: Entry<NumberConfig>, repo: RepoParts): CanonicalNumber {
  const { number, name, timezone, language } = entry.config;
  return { number, file: entry.file, settings: { name, timezone, language }, flow: canonicalFlow(entry, repo) };
}

export function canonicalFlow(entry: Pick<Entry<NumberConfig>, 'config'>, repo: RepoParts): CanonicalFlowDocument {
  const config = entry.config;
  const context: Context = { repo, language: config.language, timezone: config.timezone };
  const canonical = Object.fromEntries(Object.entries(config.flow.steps).map(([name, step]) => [name, canonicalStep(step, context)]));
  // fromEntries defines own entries, whatever the name (an assignment to `__proto__` would not).
  const steps: Record<string, CanonicalStep> = Object.fromEntries(stepOrder(config.flow.start, canonical).map((name) => [name, canonical[name]!]));
  return { schemaVersion: FLOW_SCHEMA_VERSION, start: config.flow.start, steps };
}

/**
 * The same document for a simulated call to walk: each step is made canonical the first time
 * it is read (a flow test enters a few steps of many), and the steps are not in document
 * order. For walking only; plans, stores and comparisons use canonicalFlow.
 */
export function lazyCanonicalFlow(entry: Pick<Entry<NumberConfig>, 'config'>, repo: RepoParts): CanonicalFlowDocument {
  const config = entry.config;
  let schedules = walkedSchedules.get(repo.schedules);
  if (!schedules) walkedSchedules.set(repo.schedules, (schedules = new Map()));
  const context: Context = { repo, language: config.language, timezone: config.timezone, schedules };
  const steps: Record<string, CanonicalStep> = {};
  for (const name of Object.keys(config.flow.steps)) {
    Object.defineProperty(steps, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = canonicalStep(config.flow.steps[name]!, context);
        Object.defineProperty(steps, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return { schemaVersion: FLOW_SCHEMA_VERSION, start: config.flow.start, steps };
}

/**
 * Walked documents share their schedules: 1,000 numbers on 10 schedules make 10 documents, not
 * 1,000 (a walk only reads them). Per loaded repo, by schedule name and the number's zone.
 */
const walkedSchedules = new WeakMap<RepoParts['schedules'], Map<string, CanonicalSchedule>>();

interface Context {
  repo: RepoParts;
  /** The number's language: the default for TTS without its own. */
  language: string;
  /** The number's timezone: the default for schedules without their own. */
  timezone: string;
  /** Set for a walked document: its schedules are shared (see walkedSchedules). */
  schedules?: Map<string, CanonicalSchedule>;
}

function scheduleOf(ref: string, context: Context): CanonicalSchedule {
  if (!context.schedules) return canonicalSchedule(ref, context);
  const key = `${ref}\u0000${context.timezone}`;
  let schedule = context.schedules.get(key);
  if (!schedule) context.schedules.set(key, (schedule = canonicalSchedule(ref, context)));
  return schedule;
}

function canonicalStep(step: Step, context: Context): CanonicalStep {
  const msg = (message: Message) => canonicalMessage(message, context);
  const label = step.label === undefined ? {} : { label: step.label };
  switch (step.type) {
    case 'message':
      return { type: 'message', ...label, message: msg(step.message), next: step.next };
    case 'time_rule':
      return {
        type: 'time_rule',
        ...label,
        schedule: scheduleOf(step.schedule, context),
        open: step.open,
        closed: step.closed,
        // "defaults to closed": written out so moving holidays to their own step shows as a rewire.
        holiday: step.holiday ?? step.closed,
      };
    case 'ivr':
      return compact({
        type: 'ivr' as const,
        ...label,
        prompt: step.prompt && msg(step.prompt),
        options: sortedOptions(step.options),
        timeout_seconds: step.timeout_seconds ?? DEFAULT_IVR_TIMEOUT_SECONDS,
        retries: step.retries && canonicalRetries(step.retries, msg),
        no_input: step.no_input,
        invalid_input: step.invalid_input,
      });
    case 'input_ivr':
      return compact({
        type: 'input_ivr' as const,
        ...label,
        prompt: step.prompt && msg(step.prompt),
        end: step.end,
        timeout_seconds: step.timeout_seconds ?? DEFAULT_IVR_TIMEOUT_SECONDS,
        min_digits: step.min_digits,
        max_digits: step.max_digits,
        retries: step.retries && canonicalRetries(step.retries, msg),
        next: step.next,
        no_input: step.no_input,
        invalid_input: step.invalid_input,
      });
    case 'ring':
      return {
        type: 'ring',
        ...label,
        to: ringTargets(step.to),
        ring_seconds: step.ring_seconds ?? DEFAULT_RING_SECONDS,
        waiting: waiting(step, context),
        unanswered: step.unanswered,
      };
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
        ring_seconds: step.ring_seconds ?? (step.unanswered ? DEFAULT_RING_SECONDS : undefined),
        unanswered: step.unanswered,
      });
    case 'hangup':
      return compact({ type: 'hangup' as const, ...label, message: step.message && msg(step.message) });
  }
}

function canonicalRetries(retries: NonNullable<IvrStep['retries']>, msg: (message: Message) => CanonicalMessage) {
  return compact({
    count: retries.count,
    message: retries.message && msg(retries.message),
    final_message: retries.final_message && msg(retries.final_message),
  });
}

export function canonicalMessage(message: Message, context: { repo: Pick<RepoParts, 'messages' | 'audio'>; language: string }): CanonicalMessage {
  const resolved = resolveMessage(context.repo, message);
  if (!resolved) return { unresolved: 'ref' in message ? message.ref : '?' };
  if ('tts' in resolved) {
    return compact({ tts: resolved.tts, language: resolved.language ?? context.language, voice: resolved.voice });
  }
  return { audio: audioRef(resolved.file, context.repo) };
}

function audioRef(path: string, repo: Pick<RepoParts, 'audio'>): { path: string; sha256?: string; bytes?: number; seconds?: number } {
  // The loader records the content hash; without it the path stands in. Size and duration ride
  // along so a plan can say what a re-recording changed.
  const info = repo.audio?.get(path);
  if (!info?.sha256) return { path };
  return {
    path,
    sha256: info.sha256,
    ...(info.size !== undefined ? { bytes: info.size } : {}),
    ...(info.seconds !== undefined ? { seconds: Math.round(info.seconds * 10) / 10 } : {}),
  };
}

/** "The waiting experience cannot be removed: a ring step without one gets the default ringtone." */
function waiting(step: RingStep, context: Context): Extract<CanonicalStep, { type: 'ring' }>['waiting'] {
  const given = step.waiting;
  if (!given || given === 'none') return { music: { library: 'ringtone' } };
  const music = 'library' in given.music ? { library: given.music.library } : { audio: audioRef(given.music.file, context.repo) };
  return given.title === undefined ? { music } : { title: given.title, music };
}

function ringTargets(to: RingStep['to']): { teams: string[] } | { users: string[] } {
  if ('team' in to) return { teams: [to.team] };
  if ('user' in to) return { users: [to.user] };
  return 'teams' in to ? { teams: [...to.teams] } : { users: [...to.users] };
}

export function canonicalSchedule(ref: string, context: { repo: Pick<Repo, 'schedules'>; timezone: string }): CanonicalSchedule {
  const config = context.repo.schedules.get(ref)?.config;
  const byDate = <T extends { date: string }>(items: readonly T[] | undefined) => [...(items ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  return {
    ref,
    name: config?.name ?? ref,
    timezone: config?.timezone ?? context.timezone,
    ...(config?.holiday_calendar ? { holiday_calendar: config.holiday_calendar } : {}),
    weekly: sortedWeekly(expandWeekly(config?.weekly ?? {})),
    holidays: byDate(config?.holidays).map((h) => compact({ date: h.date, name: h.name })),
    special_days: byDate(config?.special_days).map((d) => compact({ date: d.date, name: d.name, hours: [...d.hours].sort() })),
  };
}

/** Drop `undefined` fields so absent and unset are one thing in the document. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
