import { describe, expect, it } from 'vitest';
import { buildPlan, hasChanges, settingsUpdateOf } from '../../src/plan/plan.js';
import type { Change } from '../../src/plan/plan-schema.js';
import type { LiveNumber } from '../../src/model/live.js';
import { AT, appliedRepo, boughtNumber, docOf, editable, exampleRepo, SANDBOX_CAPABILITIES } from './helpers.js';

const US = '+12125550142';
const FR = '+33176360000';
const UK = '+442071838750';

async function planAgainst(edit: (live: Map<string, ReturnType<typeof editable>>) => void = () => {}) {
  const repo = await exampleRepo();
  const live = new Map(appliedRepo(repo).map((n) => [n.number, editable(n)]));
  edit(live);
  return buildPlan({ repo, live: [...live.values()], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

const changesOf = (plan: Awaited<ReturnType<typeof planAgainst>>, number: string): Change[] => plan.numbers.find((n) => n.number === number)!.changes;

describe('buildPlan', () => {
  it('creates every flow on a freshly bought account and uploads each file once', async () => {
    const repo = await exampleRepo();
    const plan = buildPlan({ repo, live: repo.numbers.map((e) => boughtNumber(e.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    expect(plan.numbers.map((n) => n.action)).toEqual(['create-flow', 'create-flow', 'create-flow']);
    expect(plan.summary).toMatchObject({ managed: 3, createFlow: 3, update: 0, unchanged: 0, errors: 0 });
    const hold = plan.uploads.find((u) => u.path === 'audio/music/hold.mp3')!;
    expect(hold.numbers).toEqual([US, FR]);
    expect(hold.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(hold.size).toBeGreaterThan(0);
    expect(plan.uploads).toHaveLength(5);
    expect(changesOf(plan, UK)).toContainEqual({ kind: 'start-changed', before: null, after: 'greeting' });
    // Language is a setting the bought number does not report yet: nothing to compare.
    expect(settingsUpdateOf(plan.numbers[0]!)).toBeUndefined();
  });

  it('has nothing to do when live is what a previous apply wrote', async () => {
    const plan = await planAgainst();
    expect(plan.numbers.map((n) => n.action)).toEqual(['none', 'none', 'none']);
    expect(hasChanges(plan)).toBe(false);
    expect(plan.problems).toEqual([]);
  });

  it('reports a config number that is not in the account as an error at its `number:` line', async () => {
    const plan = await planAgainst((live) => live.delete(UK));
    const uk = plan.numbers.find((n) => n.number === UK)!;
    expect(uk.action).toBe('missing-live');
    expect(plan.problems).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'plan/number-not-live', file: 'config/numbers/after-hours-uk.yaml', line: 2 }),
    ]);
    expect(plan.summary.missingLive).toBe(1);
  });

  it('lists numbers in no config file as unmanaged and plans nothing for them', async () => {
    const repo = await exampleRepo();
    const extra: LiveNumber = { id: '77', number: '+4930123456', name: 'Berlin', timezone: 'Europe/Berlin', messages: {}, flow: null };
    const plan = buildPlan({
      repo,
      live: appliedRepo(repo),
      liveSummaries: [{ id: '78', number: '+4930999999', name: 'Hamburg', timezone: 'Europe/Berlin' }],
      providerCapabilities: SANDBOX_CAPABILITIES,
      generatedAt: AT,
    });
    const withExtra = buildPlan({ repo, live: [...appliedRepo(repo), extra], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    expect(plan.numbers.filter((n) => n.action === 'unmanaged').map((n) => [n.number, n.desired, n.changes])).toEqual([['+4930999999', null, []]]);
    expect(withExtra.summary.unmanaged).toBe(1);
    expect(hasChanges(withExtra)).toBe(false);
  });

  it('plans settings changes', async () => {
    const plan = await planAgainst((live) => {
      live.get(FR)!.name = 'Support';
      live.get(FR)!.language = 'en-GB';
    });
    expect(changesOf(plan, FR)).toEqual([
      { kind: 'setting', field: 'name', before: 'Support', after: 'Support France' },
      { kind: 'setting', field: 'language', before: 'en-GB', after: 'fr-FR' },
    ]);
    expect(settingsUpdateOf(plan.numbers.find((n) => n.number === FR)!)).toEqual({ name: 'Support France', language: 'fr-FR' });
  });

  it('compares files by content hash and TTS by text, voice and language', async () => {
    const plan = await planAgainst((live) => {
      const fr = docOf(live.get(FR)!);
      fr.steps['closed-voicemail'].message.audio.path = 'audio/old/closed.mp3'; // same content, moved: no change
      fr.steps['welcome'].message.audio.sha256 = '0'.repeat(64); // same path, other content: change + upload
      fr.steps['menu'].prompt.voice = 'male';
    });
    const changes = changesOf(plan, FR);
    expect(changes.map((c) => [c.kind, 'step' in c ? c.step : (c as { path: string }).path])).toEqual([
      ['message-changed', 'welcome'],
      ['message-changed', 'menu'],
      ['audio-upload', 'audio/fr/welcome.mp3'],
    ]);
    expect(changes[1]).toMatchObject({ slot: 'prompt', before: { voice: 'male' }, after: { voice: 'female' } });
  });

  it('plans flow changes step by step', async () => {
    const plan = await planAgainst((live) => {
      const us = docOf(live.get(US)!);
      delete us.steps['billing'];
      delete us.steps['menu'].options['3'];
      us.steps['menu'].timeout_seconds = 5;
      us.steps['menu'].no_input = 'callback';
      us.steps['old-step'] = { type: 'hangup' };
      us.steps['hours'].schedule.weekly.saturday = [];
    });
    expect(plan.numbers.find((n) => n.number === US)!.action).toBe('update');
    expect(changesOf(plan, US)).toEqual([
      { kind: 'step-changed', step: 'hours', fields: [{ field: 'schedule.weekly.saturday', before: null, after: ['10:00-14:00'] }] },
      { kind: 'step-changed', step: 'menu', fields: [{ field: 'timeout_seconds', before: 5, after: 3 }] },
      { kind: 'branch-rewired', step: 'menu', field: 'options.3', branch: '3', before: null, after: 'billing' },
      { kind: 'branch-rewired', step: 'menu', field: 'no_input', branch: 'no input', before: 'callback', after: 'sales' },
      { kind: 'step-added', step: 'billing', after: expect.objectContaining({ type: 'ring' }) },
      { kind: 'step-removed', step: 'old-step', before: { type: 'hangup' } },
    ]);
  });

  it('warns when IVR options change but the prompt stays the same as live', async () => {
    const plan = await planAgainst((live) => {
      delete docOf(live.get(US)!).steps['menu'].options['3'];
      const fr = docOf(live.get(FR)!).steps['menu'];
      fr.options['3'] = 'sales';
      fr.prompt.tts = 'Pour les ventes, tapez 1, 2 ou 3.';
    });
    expect(plan.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'plan/ivr-options-without-prompt',
        file: 'config/numbers/sales-us.yaml',
        message: 'ivr "menu" adds option "3" but its prompt is the same as live',
      }),
    ]);
  });

  it('warns when IVR keys swap targets and the prompt stays the same as live', async () => {
    const plan = await planAgainst((live) => {
      const menu = docOf(live.get(US)!).steps['menu'];
      const [one, two] = [menu.options['1'], menu.options['2']];
      menu.options['1'] = two;
      menu.options['2'] = one;
    });
    const warning = plan.problems.find((p) => p.rule === 'plan/ivr-options-without-prompt');
    expect(warning?.file).toBe('config/numbers/sales-us.yaml');
    expect(warning?.message).toMatch(/^ivr "menu" leads "1" to \S+ \(was \S+\), "2" to \S+ \(was \S+\) but its prompt is the same as live$/);
  });

  it('replaces a live flow callflow did not write, and says so', async () => {
    const plan = await planAgainst((live) => {
      live.get(UK)!.flow.published!.document = { nodes: [{ id: 1, kind: 'welcome' }] };
      live.get(UK)!.flow.draft = { version: 2, document: {} };
      live.get(UK)!.flow.latestVersion = 2;
    });
    const uk = plan.numbers.find((n) => n.number === UK)!;
    expect(uk.action).toBe('update');
    expect(uk.changes.filter((c) => c.kind === 'step-added')).toHaveLength(4);
    expect(uk.notes).toEqual(['live flow v1 was not written by this version of callflow; it will be replaced as a whole']);
    // The draft above the published version is a change of its own (apply publishes over it), not a note.
    expect(uk.changes).toContainEqual({ kind: 'draft-superseded', version: 2, published: 1 });
    expect(plan.inputs.numbers.find((n) => n.number === UK)).toMatchObject({ publishedVersion: 1, latestVersion: 2 });
  });

  it('compares only settings with a provider that cannot store flows', async () => {
    const repo = await exampleRepo();
    const live = appliedRepo(repo).map((n) => ({ ...n, flow: null, name: n.number === FR ? 'Old' : n.name }));
    const plan = buildPlan({
      repo,
      live,
      providerCapabilities: { flows: false, audio: 'url', locks: false, limitations: ['Smartflow graphs cannot be read or written through the public API'] },
      generatedAt: AT,
    });
    expect(plan.numbers.map((n) => n.action)).toEqual(['none', 'update', 'none']);
    expect(changesOf(plan, FR)).toEqual([{ kind: 'setting', field: 'name', before: 'Old', after: 'Support France' }]);
    expect(plan.numbers[0]!.notes[0]).toContain('cannot store call flows');
    expect(plan.provider.limitations).toHaveLength(1);
  });
});
