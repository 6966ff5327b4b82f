/** The flow → music & messages slot mapping (Aircall), on the example flows. */
import { describe, expect, it } from 'vitest';
import { canonicalNumber } from '../../src/model/canonical.js';
import { messageSlotsOf } from '../../src/model/message-slots.js';
import { planSlots } from '../../src/plan/diff-slots.js';
import { publicAudioUrl } from '../../src/model/audio-url.js';
import { exampleRepo } from './helpers.js';

const BASE = 'https://acme.github.io/callflow';

async function example(file: string) {
  const repo = await exampleRepo();
  const entry = repo.numbers.find((n) => n.file.endsWith(file))!;
  return { entry, flow: canonicalNumber(entry, repo).flow, repo };
}

describe('flow → slot mapping', () => {
  it('maps the opening message, first IVR, waiting music, voicemail, closed branch and callback', async () => {
    const { flow } = await example('sales-us.yaml');
    const filled = Object.fromEntries(messageSlotsOf(flow).filled.map((f) => [f.slot, `${f.step}.${f.field}`]));
    expect(filled).toEqual({
      welcome: 'welcome.message',
      ivr: 'menu.prompt',
      waiting: 'sales.waiting.music',
      voicemail: 'after-hours.message',
      after_hours: 'after-hours.message',
      callback_later: 'callback.confirmation',
    });
  });

  it('reports a second ring step with other music as a conflict, and what no slot carries', async () => {
    const { flow } = await example('support-fr.yaml');
    const mapping = messageSlotsOf(flow);
    expect(mapping.conflicts.map((c) => [c.element.slot, c.element.step, c.kept.step])).toEqual([
      ['waiting', 'support', 'sales'],
      ['voicemail', 'support-voicemail', 'sales-voicemail'],
    ]);
    expect(mapping.unmapped.map((e) => `${e.step}.${e.field}`)).toEqual(['menu.retries.message']);
  });
});

describe('slot plan', () => {
  it('sets file slots by URL, leaves dashboard slots alone, clears only what callflow wrote', async () => {
    const { entry, flow, repo } = await example('support-fr.yaml');
    const welcome = repo.audio.get('audio/fr/welcome.mp3')!.sha256!;
    const stale = publicAudioUrl(BASE, 'audio/fr/old-callback.mp3', 'f'.repeat(64));
    const plan = planSlots({
      entry,
      flow,
      baseUrl: BASE,
      live: { welcome: publicAudioUrl(BASE, 'audio/fr/welcome.mp3', welcome), ivr: 'https://cdn.aircall.io/ivr-recorded.mp3', callback_later: stale },
    });
    const bySlot = Object.fromEntries(plan.changes.map((c) => (c.kind === 'slot-changed' ? [c.slot, [c.before?.url ?? null, c.after?.url ?? null]] : [])));
    expect(bySlot).toEqual({
      after_hours: [null, publicAudioUrl(BASE, 'audio/fr/closed.mp3', repo.audio.get('audio/fr/closed.mp3')!.sha256!)],
      callback_later: [stale, null],
    });
    expect(plan.notes.join('\n')).toContain('ivr (menu.prompt) is text-to-speech');
  });

  it('is an error on the YAML line when there is no audio.publicBaseUrl', async () => {
    const { entry, flow } = await example('support-fr.yaml');
    const plan = planSlots({ entry, flow, baseUrl: undefined, live: {} });
    expect(plan.changes).toEqual([]);
    expect(plan.problems.filter((p) => p.severity === 'error').map((p) => `${p.line} ${p.rule}`)).toEqual(['11 plan/audio-base-url', '48 plan/audio-base-url']);
  });
});
