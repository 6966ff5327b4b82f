import type { NumberConfig } from '../config/schema/index.js';
import { lazyCanonicalFlow } from '../model/canonical.js';
import type { CanonicalFlowDocument, CanonicalMessage, CanonicalStep } from '../model/flow-document.js';
import { messagesOf } from '../model/flow.js';
import type { Repo } from '../model/repo.js';
import type { Answer } from './caller.js';
import type { Ending, Heard, PlayRole, SimEvent, Simulation } from './events.js';
import { localTimeAt } from './local-time.js';
import { scheduleStatusAt } from './schedule-status.js';
import { own } from '../model/own.js';
import { plural } from '../report/plural.js';

type IvrStep = Extract<CanonicalStep, { type: 'ivr' }>;
type InputIvrStep = Extract<CanonicalStep, { type: 'input_ivr' }>;
type RingStep = Extract<CanonicalStep, { type: 'ring' }>;
type ForwardStep = Extract<CanonicalStep, { type: 'forward' }>;

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

/** Where a canonical document's parts came from, for transcripts and for defects the document cannot show. */
export interface FlowOrigin {
  /** The shared message a slot was written as (`{ ref: closed-fr }`), if any. */
  messageRef(step: string, field: string): string | undefined;
  /**
   * Why a schedule the document names is not there, or undefined when it is: no file defines it
   * (validation reports the reference), or its file failed to load (its own errors say why).
   * Calls are stuck there either way.
   */
  scheduleMissing(ref: string): MissingShared | undefined;
  /** The same for a shared message the document could not resolve. */
  messageMissing(ref: string): MissingShared;
}

export type MissingShared = 'unknown' | 'failed-to-load';

/** A call placed to one number: its published document and the zone its clock runs in. */
export interface FlowUnderTest {
  number: string;
  timezone: string;
  flow: CanonicalFlowDocument;
  origin?: FlowOrigin;
}

/**
 * Walk one call through a number's flow as written in its file: the flow is first brought to
 * the canonical document apply publishes, so what is simulated is what callers get.
 */
export function simulateCall(
  repo: Pick<Repo, 'schedules' | 'messages'> & Partial<Pick<Repo, 'audio' | 'failedToLoad'>>,
  number: NumberConfig,
  inputs: CallInputs,
  /** The number's canonical document, when the caller already has it (several calls to one number). */
  flow: CanonicalFlowDocument = lazyCanonicalFlow({ config: number }, repo),
): Simulation {
  return walkFlow({ number: number.number, timezone: number.timezone, flow, origin: yamlOrigin(repo, number) }, inputs);
}

function yamlOrigin(repo: Pick<Repo, 'schedules'> & Partial<Pick<Repo, 'failedToLoad'>>, number: NumberConfig): FlowOrigin {
  // A file that is there but failed to load is not unknown: saying "does not exist" would send the user looking for it.
  const missing = (failed: ReadonlySet<string> | undefined, ref: string): MissingShared => (failed?.has(ref) ? 'failed-to-load' : 'unknown');
  return {
    messageRef: (step, field) => {
      const written = own(number.flow.steps, step);
      const found = written && messagesOf(written).find((m) => m.path.join('.') === field);
      return found && 'ref' in found.message ? found.message.ref : undefined;
    },
    scheduleMissing: (ref) => (repo.schedules.has(ref) ? undefined : missing(repo.failedToLoad?.schedules, ref)),
    messageMissing: (ref) => missing(repo.failedToLoad?.messages, ref),
  };
}

const MISSING_SAYS: Readonly<Record<MissingShared, string>> = {
  unknown: 'does not exist',
  'failed-to-load': 'failed to load (its file has errors)',
};

/**
 * Walk one call through a canonical flow document. Pure. A flow with defects (unknown steps,
 * missing fallbacks) ends `stuck` rather than throwing.
 */
export function walkFlow(call: FlowUnderTest, inputs: CallInputs): Simulation {
  const { flow, origin } = call;
  const events: SimEvent[] = [];
  const path: string[] = [];
  const heard: Heard[] = [];
  let keyIndex = 0;
  const budget = inputs.maxSteps ?? DEFAULT_STEP_BUDGET;

  const play = (step: string, role: PlayRole, field: string, message: CanonicalMessage | undefined): boolean => {
    if (!message) return true;
    if ('unresolved' in message) {
      events.push({ kind: 'stuck', step, reason: `shared message "${message.unresolved}" ${MISSING_SAYS[origin?.messageMissing(message.unresolved) ?? 'unknown']}` });
      return false;
    }
    const item: Heard = 'tts' in message ? { tts: message.tts, language: message.language, ...(message.voice ? { voice: message.voice } : {}) } : { file: message.audio.path };
    const ref = origin?.messageRef(step, field);
    if (ref) item.ref = ref;
    heard.push(item);
    events.push({ kind: 'play', step, role, heard: item });
    return true;
  };
  const nextKeys = (): string | undefined => {
    const slot = inputs.keys[keyIndex];
    keyIndex += 1;
    return slot === '' ? undefined : slot;
  };

  const context: StepContext = { events, heard, play, nextKeys, answer: inputs.answer, timezone: call.timezone, ...(origin ? { origin } : {}) };
  let current: string | undefined = flow.start;
  let ending: Ending | undefined;
  while (ending === undefined && current !== undefined) {
    if (path.length >= budget) {
      events.push({ kind: 'step-budget', steps: budget });
      ending = 'loop';
      break;
    }
    const name: string = current;
    const step: CanonicalStep | undefined = own(flow.steps, name);
    if (!step) {
      events.push({ kind: 'stuck', step: path.at(-1) ?? name, reason: `step "${name}" does not exist` });
      ending = 'stuck';
      break;
    }
    path.push(name);
    events.push({ kind: 'enter', step: name, type: step.type, ...(step.label ? { label: step.label } : {}) });
    const outcome = runStep(name, step, context, inputs.at);
    if ('end' in outcome) {
      ending = outcome.end;
    } else {
      events.push({ kind: 'branch', step: name, branch: outcome.branch, target: outcome.next, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      current = outcome.next;
    }
  }

  const local = localTimeAt(inputs.at, call.timezone);
  return {
    number: call.number,
    at: { utc: new Date(inputs.at).toISOString(), local: `${local.date}T${local.clock} (${local.weekday})`, timeZone: call.timezone },
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
  /** Plays the message in a slot; false when a shared message is unknown (a `stuck` event is recorded). */
  play: (step: string, role: PlayRole, field: string, message: CanonicalMessage | undefined) => boolean;
  nextKeys: () => string | undefined;
  answer: Answer;
  /** The number's zone: the clock schedules without their own zone run on. */
  timezone: string;
  origin?: FlowOrigin;
}

const stuck = (context: StepContext, step: string, reason: string): Outcome => {
  context.events.push({ kind: 'stuck', step, reason });
  return { end: 'stuck' };
};

function runStep(name: string, step: CanonicalStep, context: StepContext, at: number): Outcome {
  const { play, events } = context;
  switch (step.type) {
    case 'message':
      return play(name, 'message', 'message', step.message) ? { next: step.next, branch: 'next' } : { end: 'stuck' };
    case 'time_rule': {
      const { schedule } = step;
      const missing = context.origin?.scheduleMissing(schedule.ref);
      if (missing) return stuck(context, name, `schedule "${schedule.ref}" ${MISSING_SAYS[missing]}`);
      const { status, reason } = scheduleStatusAt(schedule, at, context.timezone);
      events.push({ kind: 'schedule', step: name, schedule: schedule.ref, status, reason });
      if (status === 'open') return { next: step.open, branch: 'open', reason };
      // The document routes holidays explicitly ("defaults to closed"): a holiday led where closed leads reads as closed.
      if (status === 'holiday' && step.holiday !== step.closed) return { next: step.holiday, branch: 'holiday', reason };
      return { next: step.closed, branch: 'closed', reason };
    }
    case 'ivr':
    case 'input_ivr':
      return runPrompt(name, step, context);
    case 'ring':
      return runRing(name, step, context);
    case 'voicemail':
      if (!play(name, 'voicemail-greeting', 'message', step.message)) return { end: 'stuck' };
      events.push({ kind: 'voicemail', step: name, ...(step.max_seconds ? { maxSeconds: step.max_seconds } : {}) });
      return { end: 'voicemail' };
    case 'callback_request':
      if (!play(name, 'confirmation', 'confirmation', step.confirmation)) return { end: 'stuck' };
      events.push({ kind: 'callback', step: name });
      return { next: step.next, branch: 'next' };
    case 'forward':
      if (!play(name, 'forward-message', 'message', step.message)) return { end: 'stuck' };
      return runForward(name, step, context);
    case 'hangup':
      if (!play(name, 'goodbye', 'message', step.message)) return { end: 'stuck' };
      events.push({ kind: 'hangup', step: name });
      return { end: 'hangup' };
  }
}

type Read = { outcome: 'option' | 'complete'; next: string; branch: string; detail: string } | { outcome: 'no-input' | 'invalid-input'; detail: string };

/** IVR reacts to the first key of the slot; the rest of the slot is not read. */
function readIvr(step: IvrStep, keys: string | undefined): Read {
  if (keys === undefined) return { outcome: 'no-input', detail: 'no key pressed' };
  const key = keys[0]!;
  const target = own(step.options, key);
  return target === undefined
    ? { outcome: 'invalid-input', detail: `key ${key} is not an option (${Object.keys(step.options).join(', ')})` }
    : { outcome: 'option', next: target, branch: `option ${key}`, detail: `pressed ${key}` };
}

/**
 * Input IVR. Ending by a key: the digits before the first end key are the input, or the first
 * max_digits digits when the caller reaches that bound first; fewer than min_digits, or anything
 * but digits, is invalid. Ending by N digits: the slot's first N keys must all be digits. A
 * caller who stops typing before the input ends (no end key, fewer than N digits) hears nothing
 * more until the timeout, which is no input.
 */
function readInput(step: InputIvrStep, keys: string | undefined): Read {
  if (keys === undefined) return { outcome: 'no-input', detail: 'nothing typed' };
  if ('key' in step.end) {
    const endKey = step.end.key;
    const end = keys.indexOf(endKey);
    const max = step.max_digits;
    const digitsFirst = /^\d*/.exec(keys)![0];
    if (max !== undefined && digitsFirst.length >= max && (end < 0 || end >= max)) return complete(step, digitsFirst.slice(0, max), `typed ${digitsFirst.slice(0, max)} (${max} digits, the most it takes)`);
    if (end < 0) return { outcome: 'no-input', detail: `typed "${keys}" then stopped, never pressing ${endKey}` };
    const typed = keys.slice(0, end);
    if (!/^\d+$/.test(typed)) return { outcome: 'invalid-input', detail: `"${typed}" before ${endKey} is not a number` };
    if (step.min_digits !== undefined && typed.length < step.min_digits) {
      return { outcome: 'invalid-input', detail: `"${typed}" is ${plural(typed.length, 'digit')}, fewer than ${step.min_digits}` };
    }
    return complete(step, typed, `typed ${typed} then ${endKey}`);
  }
  const typed = keys.slice(0, step.end.digits);
  if (!/^\d*$/.test(typed)) return { outcome: 'invalid-input', detail: `"${keys}" is not ${step.end.digits} digits` };
  if (typed.length < step.end.digits) return { outcome: 'no-input', detail: `typed "${typed}" then stopped, ${plural(step.end.digits - typed.length, 'digit')} short` };
  return complete(step, typed, `typed ${typed} (${step.end.digits} digits)`);
}

const complete = (step: InputIvrStep, typed: string, detail: string): Read => ({ outcome: 'complete', next: step.next, branch: 'next', detail });

/**
 * "the caller has 3 s by default". With retries.count = N the prompt is replayed up to N times
 * after a no-input or invalid input (retries.message first); the last failure picks the branch.
 */
function runPrompt(name: string, step: IvrStep | InputIvrStep, context: StepContext): Outcome {
  const timeoutSeconds = step.timeout_seconds;
  const retries = step.retries?.count ?? 0;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      context.events.push({ kind: 'retry', step: name, attempt, of: retries });
      if (!context.play(name, 'retry-message', 'retries.message', step.retries?.message)) return { end: 'stuck' };
    }
    if (!context.play(name, 'prompt', 'prompt', step.prompt)) return { end: 'stuck' };
    const keys = context.nextKeys();
    const read = step.type === 'ivr' ? readIvr(step, keys) : readInput(step, keys);
    context.events.push({ kind: 'input', step: name, ...(keys !== undefined ? { keys } : {}), timeoutSeconds, outcome: read.outcome, detail: read.detail });
    if (read.outcome === 'option' || read.outcome === 'complete') return { next: read.next, branch: read.branch, reason: read.detail };
    if (attempt < retries) continue;
    const field = read.outcome === 'no-input' ? 'no_input' : 'invalid_input';
    // "a custom message after repeated invalid inputs": once, before the invalid-input branch.
    if (field === 'invalid_input' && !context.play(name, 'final-message', 'retries.final_message', step.retries?.final_message)) return { end: 'stuck' };
    const target = step[field];
    if (target === undefined) return stuck(context, name, `${field} is not set`);
    const tries = retries ? ` after ${retries + 1} tries` : '';
    return { next: target, branch: field, reason: `${read.detail}${tries}` };
  }
}

/** A forward with an `unanswered` branch rings the external number; the caller's `answer` decides, like at a ring step. */
function runForward(name: string, step: ForwardStep, context: StepContext): Outcome {
  context.events.push({ kind: 'forward', step: name, to: step.to });
  if (step.unanswered === undefined) return { end: 'forward' };
  const ringSeconds = step.ring_seconds ?? 0;
  const answer = context.answer;
  const answeredAfter = answer.kind === 'always' ? 0 : answer.kind === 'after' && answer.seconds < ringSeconds ? answer.seconds : undefined;
  if (answeredAfter !== undefined) {
    context.events.push({ kind: 'answered', step: name, afterSeconds: answeredAfter });
    return { end: 'forward' };
  }
  context.events.push({ kind: 'unanswered', step: name, afterSeconds: ringSeconds });
  return { next: step.unanswered, branch: 'unanswered', reason: `${step.to} did not answer within ${ringSeconds} s` };
}

function ringTarget(step: RingStep): string {
  const [kind, names] = 'teams' in step.to ? (['team', step.to.teams] as const) : (['user', step.to.users] as const);
  return `${kind}${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** The document's default waiting experience: "a ring step without one gets the default ringtone". */
const isDefaultWaiting = (waiting: RingStep['waiting']) => waiting.title === undefined && 'library' in waiting.music && waiting.music.library === 'ringtone';

function runRing(name: string, step: RingStep, context: StepContext): Outcome {
  const ringSeconds = step.ring_seconds;
  context.events.push({ kind: 'ring', step: name, to: ringTarget(step), ringSeconds });
  const { waiting } = step;
  if ('audio' in waiting.music) {
    const file = waiting.music.audio.path;
    context.heard.push({ file });
    context.events.push({ kind: 'waiting', step: name, music: waiting.title ?? file, file, isDefault: false });
  } else {
    context.heard.push({ music: waiting.music.library });
    context.events.push({ kind: 'waiting', step: name, music: waiting.title ?? waiting.music.library, isDefault: isDefaultWaiting(waiting) });
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
