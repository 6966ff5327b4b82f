import {
  DEFAULT_IVR_TIMEOUT_SECONDS,
  DEFAULT_RING_SECONDS,
  type InputIvrStep,
  type IvrStep,
  type Message,
  type NumberConfig,
  type RingStep,
  type Step,
} from '../config/schema/index.js';
import { resolveMessage } from '../model/messages.js';
import type { Repo } from '../model/repo.js';
import type { Answer } from './caller.js';
import type { Ending, Heard, PlayRole, SimEvent, Simulation } from './events.js';
import { localTimeAt } from './local-time.js';
import { scheduleStatusAt } from './schedule-status.js';

export interface CallInputs {
  /** The instant the call arrives (epoch ms). */
  at: number;
  /** One slot per prompt in turn; "" or a missing slot is silence until the timeout. */
  keys: readonly string[];
  answer: Answer;
  /** Steps entered before the call is declared a loop. */
  maxSteps?: number;
}

export const DEFAULT_STEP_BUDGET = 200;

type Outcome = { next: string; branch: string; reason?: string } | { end: Ending };

/**
 * Walk one call through a number's flow. Pure: the repo is only read for schedules and shared
 * messages. A flow with defects (unknown steps, missing fallbacks) ends `stuck` rather than throwing.
 */
export function simulateCall(repo: Pick<Repo, 'schedules' | 'messages'>, number: NumberConfig, inputs: CallInputs): Simulation {
  const events: SimEvent[] = [];
  const path: string[] = [];
  const heard: Heard[] = [];
  let keyIndex = 0;
  const budget = inputs.maxSteps ?? DEFAULT_STEP_BUDGET;

  const play = (step: string, role: PlayRole, message: Message | undefined): boolean => {
    if (!message) return true;
    const resolved = resolveMessage(repo, message);
    if (!resolved) {
      events.push({ kind: 'stuck', step, reason: `shared message "${'ref' in message ? message.ref : '?'}" does not exist` });
      return false;
    }
    const item: Heard =
      'tts' in resolved
        ? { tts: resolved.tts, language: resolved.language ?? number.language, ...(resolved.voice ? { voice: resolved.voice } : {}) }
        : { file: resolved.file };
    if ('ref' in message) item.ref = message.ref;
    heard.push(item);
    events.push({ kind: 'play', step, role, heard: item });
    return true;
  };
  const nextKeys = (): string | undefined => {
    const slot = inputs.keys[keyIndex];
    keyIndex += 1;
    return slot === '' ? undefined : slot;
  };

  const context: StepContext = { events, heard, play, nextKeys, answer: inputs.answer };
  let current: string | undefined = number.flow.start;
  let ending: Ending | undefined;
  while (ending === undefined && current !== undefined) {
    if (path.length >= budget) {
      events.push({ kind: 'step-budget', steps: budget });
      ending = 'loop';
      break;
    }
    const name: string = current;
    const step: Step | undefined = number.flow.steps[name];
    if (!step) {
      events.push({ kind: 'stuck', step: path.at(-1) ?? name, reason: `step "${name}" does not exist` });
      ending = 'stuck';
      break;
    }
    path.push(name);
    events.push({ kind: 'enter', step: name, type: step.type, ...(step.label ? { label: step.label } : {}) });
    const outcome = runStep(name, step, context, repo, number, inputs.at);
    if ('end' in outcome) {
      ending = outcome.end;
    } else {
      events.push({ kind: 'branch', step: name, branch: outcome.branch, target: outcome.next, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      current = outcome.next;
    }
  }

  const local = localTimeAt(inputs.at, number.timezone);
  return {
    number: number.number,
    at: { utc: new Date(inputs.at).toISOString(), local: `${local.date}T${local.clock} (${local.weekday})`, timeZone: number.timezone },
    events,
    path,
    heard,
    ending: ending ?? 'stuck',
    unusedKeys: inputs.keys.slice(keyIndex),
  };
}

interface StepContext {
  events: SimEvent[];
  heard: Heard[];
  /** Plays a message; false when a shared message is unknown (a `stuck` event is recorded). */
  play: (step: string, role: PlayRole, message: Message | undefined) => boolean;
  nextKeys: () => string | undefined;
  answer: Answer;
}

const stuck = (context: StepContext, step: string, reason: string): Outcome => {
  context.events.push({ kind: 'stuck', step, reason });
  return { end: 'stuck' };
};

function runStep(name: string, step: Step, context: StepContext, repo: Pick<Repo, 'schedules'>, number: NumberConfig, at: number): Outcome {
  const { play, events } = context;
  switch (step.type) {
    case 'message':
      return play(name, 'message', step.message) ? { next: step.next, branch: 'next' } : { end: 'stuck' };
    case 'time_rule': {
      const schedule = repo.schedules.get(step.schedule);
      if (!schedule) return stuck(context, name, `schedule "${step.schedule}" does not exist`);
      const { status, reason } = scheduleStatusAt(schedule.config, at, number.timezone);
      events.push({ kind: 'schedule', step: name, schedule: step.schedule, status, reason });
      if (status === 'open') return { next: step.open, branch: 'open', reason };
      // "holiday" defaults to the closed branch when the step does not route holidays.
      if (status === 'holiday' && step.holiday) return { next: step.holiday, branch: 'holiday', reason };
      return { next: step.closed, branch: 'closed', reason };
    }
    case 'ivr':
    case 'input_ivr':
      return runPrompt(name, step, context);
    case 'ring':
      return runRing(name, step, context);
    case 'voicemail':
      if (!play(name, 'voicemail-greeting', step.message)) return { end: 'stuck' };
      events.push({ kind: 'voicemail', step: name, ...(step.max_seconds ? { maxSeconds: step.max_seconds } : {}) });
      return { end: 'voicemail' };
    case 'callback_request':
      if (!play(name, 'confirmation', step.confirmation)) return { end: 'stuck' };
      events.push({ kind: 'callback', step: name });
      return { next: step.next, branch: 'next' };
    case 'forward':
      if (!play(name, 'forward-message', step.message)) return { end: 'stuck' };
      events.push({ kind: 'forward', step: name, to: step.to });
      return { end: 'forward' };
    case 'hangup':
      if (!play(name, 'goodbye', step.message)) return { end: 'stuck' };
      events.push({ kind: 'hangup', step: name });
      return { end: 'hangup' };
  }
}

type Read = { outcome: 'option' | 'complete'; next: string; branch: string; detail: string } | { outcome: 'no-input' | 'invalid-input'; detail: string };

/** IVR reacts to the first key of the slot; the rest of the slot is not read. */
function readIvr(step: IvrStep, keys: string | undefined): Read {
  if (keys === undefined) return { outcome: 'no-input', detail: 'no key pressed' };
  const key = keys[0]!;
  const target = step.options[key];
  return target === undefined
    ? { outcome: 'invalid-input', detail: `key ${key} is not an option (${Object.keys(step.options).join(', ')})` }
    : { outcome: 'option', next: target, branch: `option ${key}`, detail: `pressed ${key}` };
}

/**
 * Input IVR. Ending by a key: the digits before the first end key are the input; a slot without
 * the end key (the caller never finished) or with nothing before it is invalid. Ending by N
 * digits: the slot's first N keys must all be digits; fewer is invalid (the caller stopped early).
 */
function readInput(step: InputIvrStep, keys: string | undefined): Read {
  if (keys === undefined) return { outcome: 'no-input', detail: 'nothing typed' };
  if ('key' in step.end) {
    const end = keys.indexOf(step.end.key);
    if (end < 0) return { outcome: 'invalid-input', detail: `"${keys}" never ends with ${step.end.key}` };
    const typed = keys.slice(0, end);
    if (!/^\d+$/.test(typed)) return { outcome: 'invalid-input', detail: `"${typed}" before ${step.end.key} is not a number` };
    return { outcome: 'complete', next: step.next, branch: 'next', detail: `typed ${typed} then ${step.end.key}` };
  }
  const typed = keys.slice(0, step.end.digits);
  if (!new RegExp(`^\\d{${step.end.digits}}$`).test(typed)) {
    return { outcome: 'invalid-input', detail: `"${keys}" is not ${step.end.digits} digits` };
  }
  return { outcome: 'complete', next: step.next, branch: 'next', detail: `typed ${typed} (${step.end.digits} digits)` };
}

/**
 * "the caller has 3 s by default". With retries.count = N the prompt is replayed up to N times
 * after a no-input or invalid input (retries.message first); the last failure picks the branch.
 */
function runPrompt(name: string, step: IvrStep | InputIvrStep, context: StepContext): Outcome {
  const timeoutSeconds = step.timeout_seconds ?? DEFAULT_IVR_TIMEOUT_SECONDS;
  const retries = step.retries?.count ?? 0;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      context.events.push({ kind: 'retry', step: name, attempt, of: retries });
      if (!context.play(name, 'retry-message', step.retries?.message)) return { end: 'stuck' };
    }
    if (!context.play(name, 'prompt', step.prompt)) return { end: 'stuck' };
    const keys = context.nextKeys();
    const read = step.type === 'ivr' ? readIvr(step, keys) : readInput(step, keys);
    context.events.push({ kind: 'input', step: name, ...(keys !== undefined ? { keys } : {}), timeoutSeconds, outcome: read.outcome, detail: read.detail });
    if (read.outcome === 'option' || read.outcome === 'complete') return { next: read.next, branch: read.branch, reason: read.detail };
    if (attempt < retries) continue;
    const field = read.outcome === 'no-input' ? 'no_input' : 'invalid_input';
    const target = step[field];
    if (target === undefined) return stuck(context, name, `${field} is not set`);
    const tries = retries ? ` after ${retries + 1} tries` : '';
    return { next: target, branch: field, reason: `${read.detail}${tries}` };
  }
}

function ringTarget(step: RingStep): string {
  const to = step.to;
  if ('team' in to) return `team ${to.team}`;
  if ('user' in to) return `user ${to.user}`;
  if ('teams' in to) return `teams ${to.teams.join(', ')}`;
  return `users ${to.users.join(', ')}`;
}

/** "a ring step without [a waiting experience] gets the default ringtone". */
function runRing(name: string, step: RingStep, context: StepContext): Outcome {
  const ringSeconds = step.ring_seconds ?? DEFAULT_RING_SECONDS;
  context.events.push({ kind: 'ring', step: name, to: ringTarget(step), ringSeconds });
  const waiting = step.waiting && typeof step.waiting === 'object' ? step.waiting : undefined;
  if (!waiting) {
    context.heard.push({ music: 'ringtone' });
    context.events.push({ kind: 'waiting', step: name, music: 'ringtone', isDefault: true });
  } else if ('file' in waiting.music) {
    context.heard.push({ file: waiting.music.file });
    context.events.push({ kind: 'waiting', step: name, music: waiting.title ?? waiting.music.file, file: waiting.music.file, isDefault: false });
  } else {
    context.heard.push({ music: waiting.music.library });
    context.events.push({ kind: 'waiting', step: name, music: waiting.title ?? waiting.music.library, isDefault: false });
  }
  const answer = context.answer;
  const answeredAfter = answer.kind === 'always' ? 0 : answer.kind === 'after' && answer.seconds < ringSeconds ? answer.seconds : undefined;
  if (answeredAfter !== undefined) {
    context.events.push({ kind: 'answered', step: name, afterSeconds: answeredAfter });
    return { end: 'answered' };
  }
  context.events.push({ kind: 'unanswered', step: name, afterSeconds: ringSeconds });
  return { next: step.unanswered, branch: 'unanswered', reason: `no answer within ${ringSeconds} s` };
}
