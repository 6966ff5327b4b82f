import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { canonicalFlow } from '../../src/model/canonical.js';
import { readFlowDocument } from '../../src/model/read-flow-document.js';
import { exampleRepo, numberEntry } from './helpers.js';

const REPO_AUDIO = join(import.meta.dirname, '..', '..', 'audio');

const byNumber = async (number: string) => {
  const repo = await exampleRepo();
  const entry = repo.numbers.find((e) => e.config.number === number)!;
  return { repo, entry, flow: canonicalFlow(entry, repo) };
};

describe('canonicalFlow', () => {
  it('resolves shared messages, inlines schedules and makes defaults explicit', async () => {
    const { flow } = await byNumber('+33176360000');
    expect(flow.schemaVersion).toBe(1);
    expect(flow.start).toBe('welcome');
    expect(Object.keys(flow.steps)[0]).toBe('welcome');
    // { ref: closed-fr } is a recorded file: identified by content hash, path kept for readers.
    expect(flow.steps['closed-voicemail']).toEqual({ type: 'voicemail', message: { audio: { path: 'audio/fr/closed.mp3', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: statSync(join(REPO_AUDIO, 'fr/closed.mp3')).size } } });
    // TTS without a language gets the number's.
    expect(flow.steps['sales-voicemail']).toMatchObject({ message: { tts: expect.stringContaining('Nos conseillers'), language: 'fr-FR' } });
    const hours = flow.steps['hours'];
    expect(hours).toMatchObject({ type: 'time_rule', holiday: 'closed-voicemail', schedule: { ref: 'business-hours-fr', name: 'Horaires support France', timezone: 'Europe/Paris' } });
    expect(hours?.type === 'time_rule' && hours.schedule.weekly['friday']).toEqual(['09:00-12:30', '14:00-17:00']);
    expect(readFlowDocument(flow)).toEqual(flow);
    expect(JSON.stringify(flow)).not.toContain('tests');
  });

  it('writes out the IVR timeout, the ring time and the default ringtone', async () => {
    const uk = await byNumber('+442071838750');
    expect(uk.flow.steps['urgent']).toMatchObject({ type: 'ivr', timeout_seconds: 3 });
    const us = await byNumber('+12125550142');
    expect(us.flow.steps['billing']).toEqual({
      type: 'ring',
      to: { users: ['Dana Whitfield'] },
      ring_seconds: 25,
      waiting: { music: { library: 'ringtone' } },
      unanswered: 'after-hours',
    });
    // A shared TTS message keeps its own language, not the number's.
    expect(us.flow.steps['after-hours']).toMatchObject({ message: { language: 'en-US', voice: 'female' } });
  });

  it('gives the same document whatever the YAML key order or the one-team short form', async () => {
    const { repo } = await exampleRepo().then((r) => ({ repo: r }));
    const a = numberEntry(`number: "+15550000001"
name: A
timezone: Europe/Paris
language: fr-FR
flow:
  start: menu
  steps:
    menu: { type: ivr, prompt: { tts: "Tapez 1 ou 2" }, options: { "2": b, "1": a }, no_input: a, invalid_input: a }
    a: { type: ring, to: { team: Ventes }, unanswered: b, waiting: none }
    b: { type: hangup }
`);
    const b = numberEntry(`flow:
  steps:
    b: { type: hangup }
    a: { unanswered: b, to: { teams: [Ventes] }, type: ring, ring_seconds: 30 }
    menu: { invalid_input: a, no_input: a, options: { "1": a, "2": b }, timeout_seconds: 3, prompt: { tts: "Tapez 1 ou 2", language: fr-FR }, type: ivr }
  start: menu
language: fr-FR
timezone: Europe/Paris
name: A
number: "+15550000001"
`);
    expect(JSON.stringify(canonicalFlow(b, repo))).toBe(JSON.stringify(canonicalFlow(a, repo)));
    expect(stringify(canonicalFlow(a, repo))).toContain('library: ringtone');
  });
});
