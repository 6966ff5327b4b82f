import { describe, expect, it } from 'vitest';
import type { NumberConfig, ScheduleConfig, Step } from '../../src/config/schema/index.js';
import type { NamedEntry, Repo } from '../../src/model/repo.js';
import { parseAnswer } from '../../src/simulate/caller.js';
import type { SimEvent } from '../../src/simulate/events.js';
import { simulateCall } from '../../src/simulate/interpreter.js';
import { instantOf } from '../../src/simulate/local-time.js';

const schedule: ScheduleConfig = {
  weekly: { monday: ['09:00-18:00'], sunday: ['03:00-05:00'] },
  holidays: [{ date: '2026-12-25', name: 'Noël' }],
};
const repo: Pick<Repo, 'schedules' | 'messages'> = {
  schedules: new Map([['hours', { name: 'hours', config: schedule } as NamedEntry<ScheduleConfig>]]),
  messages: new Map(),
};

function numberWith(steps: Record<string, Step>, start = Object.keys(steps)[0]!): NumberConfig {
  return { number: '+33100000000', name: 'Test', timezone: 'Europe/Paris', language: 'fr-FR', flow: { start, steps } };
}
const done: Record<string, Step> = {
  ok: { type: 'hangup', message: { tts: 'ok' } },
  silent: { type: 'voicemail', message: { tts: 'no input' } },
  wrong: { type: 'voicemail', message: { tts: 'invalid' } },
};
const call = (number: NumberConfig, keys: string[] = [], answer = 'never', at = '2026-11-30T10:00') =>
  simulateCall(repo, number, { at: instantOf(at, number.timezone)!, keys, answer: parseAnswer(answer)! });
const ofKind = <K extends SimEvent['kind']>(events: SimEvent[], kind: K) => events.filter((e): e is Extract<SimEvent, { kind: K }> => e.kind === kind);

describe('IVR', () => {
  const ivr = (extra: Partial<Extract<Step, { type: 'ivr' }>> = {}): NumberConfig =>
    numberWith({
      menu: { type: 'ivr', prompt: { tts: 'Tapez 1.' }, options: { '1': 'ok' }, no_input: 'silent', invalid_input: 'wrong', ...extra },
      ...done,
    });

  it('gives the caller 3 s by default, or the step\'s timeout', () => {
    expect(ofKind(call(ivr()).events, 'input')[0]).toMatchObject({ timeoutSeconds: 3, outcome: 'no-input' });
    expect(ofKind(call(ivr({ timeout_seconds: 7 })).events, 'input')[0]).toMatchObject({ timeoutSeconds: 7 });
  });

  it('takes the option of the key pressed', () => {
    expect(call(ivr(), ['1']).path).toEqual(['menu', 'ok']);
  });

  it('without retries, goes straight to no_input or invalid_input', () => {
    expect(call(ivr(), ['']).path).toEqual(['menu', 'silent']);
    expect(call(ivr(), ['5']).path).toEqual(['menu', 'wrong']);
    expect(call(ivr(), []).path).toEqual(['menu', 'silent']); // no key left is silence too
  });

  it('replays the prompt retries.count times after a failure, then branches on the last failure', () => {
    const number = ivr({ retries: { count: 2, message: { tts: 'Choix non reconnu.' } } });
    const twoFailuresThenOk = call(number, ['5', '', '1']);
    expect(twoFailuresThenOk.path).toEqual(['menu', 'ok']);
    expect(ofKind(twoFailuresThenOk.events, 'retry').map((e) => `${e.attempt}/${e.of}`)).toEqual(['1/2', '2/2']);
    expect(twoFailuresThenOk.heard.map((h) => h.tts)).toEqual(['Tapez 1.', 'Choix non reconnu.', 'Tapez 1.', 'Choix non reconnu.', 'Tapez 1.', 'ok']);

    expect(call(number, ['5', '', '9']).path).toEqual(['menu', 'wrong']);
    expect(call(number, ['5', '9', '']).path).toEqual(['menu', 'silent']);
    const exhausted = call(number, ['', '', '', '1']);
    expect(exhausted.path).toEqual(['menu', 'silent']);
    expect(exhausted.unusedKeys).toEqual(['1']);
  });

  it('plays retries.final_message once the retries are used up, before invalid_input only', () => {
    const number = ivr({ retries: { count: 1, message: { tts: 'Choix non reconnu.' }, final_message: { tts: 'Je vous passe le support.' } } });
    const invalid = call(number, ['5', '7']);
    expect(invalid.path).toEqual(['menu', 'wrong']);
    expect(invalid.heard.map((h) => h.tts)).toEqual(['Tapez 1.', 'Choix non reconnu.', 'Tapez 1.', 'Je vous passe le support.', 'invalid']);
    expect(ofKind(invalid.events, 'play').map((e) => e.role)).toContain('final-message');
    const silent = call(number, ['', '']);
    expect(silent.heard.map((h) => h.tts)).not.toContain('Je vous passe le support.');
    expect(call(number, ['5', '1']).heard.map((h) => h.tts)).not.toContain('Je vous passe le support.');
  });

  it('ends stuck, not throwing, when a fallback is missing', () => {
    const number = numberWith({ menu: { type: 'ivr', prompt: { tts: 'x' }, options: { '1': 'ok' } }, ...done });
    const simulation = call(number, ['']);
    expect(simulation.ending).toBe('stuck');
    expect(ofKind(simulation.events, 'stuck')[0]?.reason).toBe('no_input is not set');
  });
});

describe('input IVR', () => {
  const input = (end: { key: '#' | '*' } | { digits: number }, retries = 0): NumberConfig =>
    numberWith({
      account: { type: 'input_ivr', prompt: { tts: 'Numéro ?' }, end, next: 'ok', no_input: 'silent', invalid_input: 'wrong', retries: { count: retries } },
      ...done,
    });

  it('ends by # : the digits before it are the input', () => {
    const simulation = call(input({ key: '#' }), ['12345678#']);
    expect(simulation.path).toEqual(['account', 'ok']);
    expect(ofKind(simulation.events, 'input')[0]?.detail).toBe('typed 12345678 then #');
  });

  it('ends by #: nothing but digits before it, else invalid; a caller who stops typing gets no input', () => {
    expect(call(input({ key: '#' }), ['#']).path).toEqual(['account', 'wrong']);
    expect(call(input({ key: '#' }), ['12*4#']).path).toEqual(['account', 'wrong']);
    expect(call(input({ key: '#' }), ['']).path).toEqual(['account', 'silent']);
    const stopped = call(input({ key: '#' }), ['1234']);
    expect(stopped.path).toEqual(['account', 'silent']);
    expect(ofKind(stopped.events, 'input')[0]).toMatchObject({ outcome: 'no-input', timeoutSeconds: 3, detail: 'typed "1234" then stopped, never pressing #' });
  });

  it('ends by digit count: takes the first N digits; stopping short is no input, a non-digit invalid', () => {
    expect(call(input({ digits: 8 }), ['12345678']).path).toEqual(['account', 'ok']);
    expect(call(input({ digits: 8 }), ['123456789']).path).toEqual(['account', 'ok']);
    expect(call(input({ digits: 8 }), ['1234']).path).toEqual(['account', 'silent']);
    expect(call(input({ digits: 4 }), ['12*4']).path).toEqual(['account', 'wrong']);
  });

  it('bounds input ending by # with min_digits and max_digits', () => {
    const bounded = numberWith({
      account: { type: 'input_ivr', prompt: { tts: 'Numéro ?' }, end: { key: '#' }, min_digits: 6, max_digits: 10, next: 'ok', no_input: 'silent', invalid_input: 'wrong' },
      ...done,
    });
    expect(call(bounded, ['123456#']).path).toEqual(['account', 'ok']);
    expect(call(bounded, ['12345#']).path).toEqual(['account', 'wrong']);
    const full = call(bounded, ['1234567890']);
    expect(full.path).toEqual(['account', 'ok']);
    expect(ofKind(full.events, 'input')[0]?.detail).toBe('typed 1234567890 (10 digits, the most it takes)');
    expect(call(bounded, ['12345']).path).toEqual(['account', 'silent']);
  });

  it('retries an input IVR like a standard one, each try reading a new slot', () => {
    expect(call(input({ digits: 4 }, 1), ['12', '1234']).path).toEqual(['account', 'ok']);
    expect(call(input({ digits: 4 }, 1), ['12', '']).path).toEqual(['account', 'silent']);
  });
});

describe('time rule', () => {
  const rule = (holiday?: string): NumberConfig =>
    numberWith({
      hours: { type: 'time_rule', schedule: 'hours', open: 'ok', closed: 'silent', ...(holiday ? { holiday } : {}) },
      ...done,
    });

  it('routes by the number\'s wall clock', () => {
    expect(call(rule(), [], 'never', '2026-11-30T10:00').path).toEqual(['hours', 'ok']);
    expect(call(rule(), [], 'never', '2026-11-30T18:00').path).toEqual(['hours', 'silent']);
  });

  it('on a holiday takes `holiday`, or `closed` when the step has none', () => {
    expect(call(rule('wrong'), [], 'never', '2026-12-25T10:00').path).toEqual(['hours', 'wrong']);
    expect(call(rule(), [], 'never', '2026-12-25T10:00').path).toEqual(['hours', 'silent']);
  });

  it('on a DST change day, a skipped local time resolves forward into opening hours', () => {
    // 2027-03-28 02:30 does not exist in Paris; it is 03:30 CEST, within Sunday 03:00-05:00.
    const simulation = call(rule(), [], 'never', '2027-03-28T02:30');
    expect(simulation.path).toEqual(['hours', 'ok']);
    expect(simulation.at.local).toBe('2027-03-28T03:30:00 (sunday)');
  });

  it('ends stuck when the schedule is unknown', () => {
    const number = numberWith({ hours: { type: 'time_rule', schedule: 'nope', open: 'ok', closed: 'ok' }, ...done });
    expect(call(number).ending).toBe('stuck');
  });
});

describe('forward', () => {
  const forward = (extra: Partial<Extract<Step, { type: 'forward' }>> = {}): NumberConfig =>
    numberWith({ night: { type: 'forward', to: '+4915112345678', ...extra }, ...done });

  it('ends the call at the external number when it has no unanswered branch', () => {
    expect(call(forward())).toMatchObject({ ending: 'forward', path: ['night'] });
  });

  it('with unanswered, rings ring_seconds (default 30) and takes unanswered unless answered in time', () => {
    const missed = call(forward({ unanswered: 'silent' }));
    expect(missed.path).toEqual(['night', 'silent']);
    expect(ofKind(missed.events, 'unanswered')[0]?.afterSeconds).toBe(30);
    expect(call(forward({ unanswered: 'silent', ring_seconds: 20 }), [], 'after:25').path).toEqual(['night', 'silent']);
    expect(call(forward({ unanswered: 'silent', ring_seconds: 20 }), [], 'after:15')).toMatchObject({ ending: 'forward', path: ['night'] });
  });
});

describe('ring', () => {
  const ring = (extra: Partial<Extract<Step, { type: 'ring' }>> = {}): NumberConfig =>
    numberWith({ sales: { type: 'ring', to: { team: 'Ventes' }, unanswered: 'silent', ...extra }, ...done });

  it('never answered: rings ring_seconds (default 30) then takes `unanswered`', () => {
    const simulation = call(ring());
    expect(simulation.path).toEqual(['sales', 'silent']);
    expect(ofKind(simulation.events, 'unanswered')[0]?.afterSeconds).toBe(30);
    expect(ofKind(call(ring({ ring_seconds: 45 })).events, 'unanswered')[0]?.afterSeconds).toBe(45);
  });

  it('after:N is answered only when N is less than ring_seconds', () => {
    expect(call(ring({ ring_seconds: 30 }), [], 'after:29').ending).toBe('answered');
    expect(call(ring({ ring_seconds: 30 }), [], 'after:30').path).toEqual(['sales', 'silent']);
    expect(call(ring(), [], 'always')).toMatchObject({ ending: 'answered', path: ['sales'] });
  });

  it('plays the default ringtone when the step has no waiting experience', () => {
    expect(ofKind(call(ring()).events, 'waiting')[0]).toMatchObject({ music: 'ringtone', isDefault: true });
    expect(ofKind(call(ring({ waiting: 'none' })).events, 'waiting')[0]).toMatchObject({ isDefault: true });
    const music = call(ring({ waiting: { title: 'Attente', music: { file: 'audio/hold.mp3' } } }));
    expect(ofKind(music.events, 'waiting')[0]).toMatchObject({ music: 'Attente', file: 'audio/hold.mp3', isDefault: false });
  });
});

describe('whole calls', () => {
  it('stops a looping flow after the step budget and says so', () => {
    const number = numberWith({
      a: { type: 'message', message: { tts: 'a' }, next: 'b' },
      b: { type: 'message', message: { tts: 'b' }, next: 'a' },
    });
    const simulation = simulateCall(repo, number, { at: 0, keys: [], answer: { kind: 'never' }, maxSteps: 10 });
    expect(simulation.ending).toBe('loop');
    expect(simulation.path).toHaveLength(10);
    expect(simulation.events.at(-1)).toEqual({ kind: 'step-budget', steps: 10 });
  });

  it('ends stuck at a branch to a step that does not exist', () => {
    const simulation = call(numberWith({ a: { type: 'message', message: { tts: 'a' }, next: 'ghost' } }));
    expect(simulation).toMatchObject({ ending: 'stuck', path: ['a'] });
    expect(ofKind(simulation.events, 'stuck')[0]?.reason).toBe('step "ghost" does not exist');
  });

  it('resolves shared messages, continues after a callback request, and ends on forward', () => {
    const shared: Pick<Repo, 'schedules' | 'messages'> = {
      schedules: new Map(),
      messages: new Map([['closed', { name: 'closed', config: { message: { file: 'audio/closed.mp3' } } } as never]]),
    };
    const number = numberWith({
      hello: { type: 'message', message: { ref: 'closed' }, next: 'cb' },
      cb: { type: 'callback_request', confirmation: { tts: 'On vous rappelle.' }, next: 'fwd' },
      fwd: { type: 'forward', to: '+33100000001' },
    });
    const simulation = simulateCall(shared, number, { at: 0, keys: [], answer: { kind: 'never' } });
    expect(simulation.heard).toEqual([{ file: 'audio/closed.mp3', ref: 'closed' }, { tts: 'On vous rappelle.', language: 'fr-FR' }]);
    expect(simulation).toMatchObject({ ending: 'forward', path: ['hello', 'cb', 'fwd'] });
  });
});
