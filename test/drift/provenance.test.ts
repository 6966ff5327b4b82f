import { describe, expect, it } from 'vitest';
import type { LastWrite } from '../../src/model/last-write.js';
import type { LiveNumber } from '../../src/model/live.js';
import { liveFingerprint, provenanceOf } from '../../src/plan/index.js';

const DOC = { schemaVersion: 1, start: 'hello', steps: { hello: { type: 'hangup', message: { tts: 'Bye', language: 'en-GB' } } } };

function live(version: number | null, author?: string, name = 'Line'): LiveNumber {
  return {
    id: '1',
    number: '+442071838750',
    name,
    timezone: 'Europe/London',
    messages: {},
    flow: { published: version === null ? null : { version, document: DOC, createdAt: '2026-01-09T22:14:00.000Z', ...(author ? { author } : {}) }, draft: null, latestVersion: version ?? 0 },
  };
}

const wrote = (number: LiveNumber, version: number | null): LastWrite => ({ at: '2026-01-09T10:00:00.000Z', who: 'bob', fingerprint: liveFingerprint(number), publishedVersion: version });

describe('who wrote what is live', () => {
  it('a version published under another name is an outside edit, even with no journal', () => {
    expect(provenanceOf(live(3, 'alice (dashboard)'), undefined)).toEqual({ kind: 'outside', version: 3, by: 'alice (dashboard)', at: '2026-01-09T22:14:00.000Z' });
  });

  it('live as the journal recorded it is callflow\'s; a rename since is an outside edit dated from that write', () => {
    const written = live(2, 'callflow (bob)');
    expect(provenanceOf(written, wrote(written, 2))).toMatchObject({ kind: 'callflow', source: 'journal', version: 2 });
    expect(provenanceOf(live(2, 'callflow (bob)', 'Renamed'), wrote(written, 2))).toEqual({ kind: 'outside', lastWrite: { at: '2026-01-09T10:00:00.000Z', who: 'bob' } });
  });

  it('a newer version by another callflow run (CI) is not mistaken for an outside edit when this journal is behind', () => {
    const old = live(2, 'callflow (bob)');
    expect(provenanceOf(live(5, 'callflow (ci)', 'Renamed by CI'), wrote(old, 2))).toMatchObject({ kind: 'callflow', source: 'author', version: 5 });
  });

  it('no author and no journal: nobody can tell', () => {
    expect(provenanceOf(live(1), undefined)).toEqual({ kind: 'unknown' });
  });
});
