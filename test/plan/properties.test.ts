import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { NumberConfig } from '../../src/config/schema/index.js';
import type { Repo } from '../../src/model/repo.js';
import { buildPlan } from '../../src/plan/plan.js';
import type { LiveNumber } from '../../src/model/live.js';
import { AT, appliedNumber, boughtNumber, exampleRepo, numberEntry, repoWith, SANDBOX_CAPABILITIES } from './helpers.js';
import { independentDocument } from './independent-document.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'menu', 'x-1'];

/** Messages as users write them: TTS (any text, accents, emoji), files of the example repo, shared refs. */
const message = fc.oneof(
  fc.record({ tts: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), voice: fc.constantFrom('female', 'male') }, { requiredKeys: ['tts'] }),
  fc.record({ tts: fc.string({ minLength: 1, maxLength: 10 }), language: fc.constantFrom('en-US', 'de-DE') }),
  fc.constantFrom({ file: 'audio/fr/welcome.mp3' }, { file: 'audio/music/hold.mp3' }, { ref: 'closed-fr' }, { ref: 'closed-en' }),
);

function step(names: string[]): fc.Arbitrary<Record<string, unknown>> {
  const to = fc.constantFrom(...names);
  return fc.oneof(
    fc.record({ type: fc.constant('message'), message, next: to }),
    fc.record({ type: fc.constant('time_rule'), schedule: fc.constantFrom('business-hours-fr', 'sales-us'), open: to, closed: to, holiday: to }, { requiredKeys: ['type', 'schedule', 'open', 'closed'] }),
    fc.record(
      {
        type: fc.constant('ivr'),
        prompt: message,
        options: fc.dictionary(fc.constantFrom('1', '2', '3', '0', '*', '#'), to, { minKeys: 1 }),
        timeout_seconds: fc.integer({ min: 1, max: 30 }),
        retries: fc.record({ count: fc.integer({ min: 0, max: 5 }), message }, { requiredKeys: ['count'] }),
        no_input: to,
        invalid_input: to,
      },
      { requiredKeys: ['type', 'prompt', 'options'] },
    ),
    fc.record({ type: fc.constant('input_ivr'), prompt: message, end: fc.oneof(fc.record({ key: fc.constantFrom('#', '*') }), fc.record({ digits: fc.integer({ min: 1, max: 30 }) })), next: to }),
    fc.record(
      {
        type: fc.constant('ring'),
        to: fc.oneof(fc.record({ team: fc.constantFrom('Ventes', 'Support') }), fc.record({ users: fc.array(fc.constantFrom('Ann', 'Bo'), { minLength: 1 }) })),
        ring_seconds: fc.integer({ min: 5, max: 300 }),
        waiting: fc.oneof(fc.constant('none'), fc.record({ title: fc.string(), music: fc.constantFrom({ library: 'jazz' }, { file: 'audio/music/hold.mp3' }) }, { requiredKeys: ['music'] })),
        unanswered: to,
      },
      { requiredKeys: ['type', 'to', 'unanswered'] },
    ),
    fc.record({ type: fc.constant('voicemail'), message, max_seconds: fc.integer({ min: 10, max: 600 }) }, { requiredKeys: ['type', 'message'] }),
    fc.record({ type: fc.constant('forward'), to: fc.constant('+447700900123'), message }, { requiredKeys: ['type', 'to'] }),
    fc.record({ type: fc.constant('hangup'), label: fc.string() }, { requiredKeys: ['type'] }),
  );
}

const numberConfig: fc.Arbitrary<NumberConfig> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length })
  .chain((names) =>
    fc.record({
      number: fc.integer({ min: 1000000, max: 9999999 }).map((n) => `+3317${n}`),
      name: fc.string({ minLength: 1, unit: 'grapheme' }),
      timezone: fc.constantFrom('Europe/Paris', 'America/New_York'),
      language: fc.constantFrom('fr-FR', 'en-GB'),
      flow: fc.record({ start: fc.constantFrom(...names), steps: fc.tuple(...names.map(() => step(names))).map((steps) => Object.fromEntries(names.map((n, i) => [n, steps[i]]))) }),
    }),
  ) as fc.Arbitrary<NumberConfig>;

/** Same value, keys in another order at every level (arrays keep their order: it is meaningful). */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => shuffled(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!).reverse();
  return Object.fromEntries(rotated.map(([k, v], i) => [k, shuffled(v, seed + i + 1)]));
}

const entryOf = (config: unknown) => numberEntry(stringify(config));

describe('plan properties', () => {
  it('plans no change against live as a previous apply of the same config left it', async () => {
    const base = await exampleRepo();
    fc.assert(
      fc.property(numberConfig, fc.integer({ min: 1, max: 50 }), (config, version) => {
        const entry = entryOf(config);
        const repo: Repo = repoWith(base, [entry]);
        const live = JSON.parse(JSON.stringify(appliedNumber(entry, repo, version))) as LiveNumber;
        const plan = buildPlan({ repo, live: [live], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
        expect(plan.numbers[0]!.changes).toEqual([]);
        expect(plan.numbers[0]!.action).toBe('none');
        expect(plan.problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('plans no change against the document a previous apply stored, written out independently of the plan code', async () => {
    const base = await exampleRepo();
    fc.assert(
      fc.property(numberConfig, fc.integer({ min: 1, max: 50 }), fc.nat(20), (config, version, seed) => {
        const repo: Repo = repoWith(base, [entryOf(config)]);
        // As the provider returns it: through JSON, keys in whatever order it keeps them.
        const document = shuffled(JSON.parse(JSON.stringify(independentDocument(config, repo))), seed) as Record<string, unknown>;
        const live: LiveNumber = { ...boughtNumber(config), language: config.language, flow: { published: { version, document }, draft: null, latestVersion: version } };
        const plan = buildPlan({ repo, live: [live], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
        expect(plan.numbers[0]!.changes).toEqual([]);
        expect(plan.numbers[0]!.action).toBe('none');
        // And what apply would store is that same document.
        expect(plan.numbers[0]!.desired!.flow).toEqual(independentDocument(config, repo));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same checksum and documents whatever the key order of config and live', async () => {
    const base = await exampleRepo();
    fc.assert(
      fc.property(numberConfig, numberConfig, fc.nat(20), (desired, other, seed) => {
        const live = appliedNumber(entryOf({ ...other, number: desired.number }), repoWith(base, []), 3);
        const plan = (config: unknown, liveNumber: unknown) =>
          buildPlan({ repo: repoWith(base, [entryOf(config)]), live: [liveNumber as LiveNumber], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
        const a = plan(desired, live);
        const b = plan(shuffled(desired, seed), shuffled(live, seed + 3));
        expect(b.checksum).toBe(a.checksum);
        expect(JSON.stringify(b.numbers[0]!.desired)).toBe(JSON.stringify(a.numbers[0]!.desired));
        expect(b.numbers[0]!.changes).toEqual(a.numbers[0]!.changes);
      }),
      { numRuns: 100 },
    );
  });
});
