/** What happens during a simulated call, in order: the transcript a reviewer reads. */

/** A message as the caller hears it: TTS text or an audio file (shared messages resolved). */
export interface Heard {
  tts?: string;
  language?: string;
  voice?: 'female' | 'male';
  file?: string;
  /** Name of the shared message it came from, if any. */
  ref?: string;
  /** Library music played while agents ring (jazz, ringtone…). */
  music?: string;
}

export type PlayRole = 'message' | 'prompt' | 'retry-message' | 'final-message' | 'confirmation' | 'voicemail-greeting' | 'forward-message' | 'goodbye';

export type SimEvent =
  | { kind: 'enter'; step: string; type: string; label?: string }
  | { kind: 'play'; step: string; role: PlayRole; heard: Heard }
  | { kind: 'schedule'; step: string; schedule: string; status: 'open' | 'closed' | 'holiday'; reason: string }
  /** One read of the keypad at a prompt: `keys` undefined means nothing within the timeout. */
  | { kind: 'input'; step: string; keys?: string; timeoutSeconds: number; outcome: 'option' | 'no-input' | 'invalid-input' | 'complete'; detail: string }
  | { kind: 'retry'; step: string; attempt: number; of: number }
  | { kind: 'ring'; step: string; to: string; ringSeconds: number }
  | { kind: 'waiting'; step: string; music: string; file?: string; isDefault: boolean }
  | { kind: 'answered'; step: string; afterSeconds: number }
  | { kind: 'unanswered'; step: string; afterSeconds: number }
  | { kind: 'branch'; step: string; branch: string; target: string; reason?: string }
  | { kind: 'voicemail'; step: string; maxSeconds?: number }
  | { kind: 'callback'; step: string }
  | { kind: 'forward'; step: string; to: string }
  | { kind: 'hangup'; step: string }
  /** The flow cannot go on (an unknown step, schedule or message): validate reports why. */
  | { kind: 'stuck'; step: string; reason: string }
  | { kind: 'step-budget'; steps: number };

/** How the call ended; `stuck` and `loop` are flow defects, not caller outcomes. */
export type Ending = 'answered' | 'voicemail' | 'forward' | 'hangup' | 'stuck' | 'loop';

export interface Simulation {
  number: string;
  /** The instant simulated, ISO in UTC, and its wall-clock time in the number's zone. */
  at: { utc: string; local: string; timeZone: string };
  events: SimEvent[];
  /** Steps entered, in order (a step entered twice appears twice). */
  path: string[];
  /** Everything played to the caller, in order (messages, prompts, waiting music). */
  heard: Heard[];
  ending: Ending;
  /** Key slots the call never reached: usually a sign the test or --keys is off. */
  unusedKeys: string[];
}

/** One line naming a heard message: its text, or its file. */
export function describeHeard(heard: Heard): string {
  const origin = heard.ref ? ` [${heard.ref}]` : '';
  // A `|` or `>` text ends with a line break and may hold more: one line here, as spoken.
  if (heard.tts !== undefined) return `"${heard.tts.trim().replace(/\s*\n\s*/g, ' ')}"${origin}`;
  if (heard.music !== undefined) return `music: ${heard.music}`;
  return `${heard.file ?? '?'}${origin}`;
}
