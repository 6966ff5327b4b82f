import { describe, expect, it } from 'vitest';
import { DRIFT_ISSUE_MARKER, driftIssueAction, GITHUB_BODY_LIMIT, readDriftIssueState } from '../../src/drift/issue.js';
import type { DriftReport, NumberDrift } from '../../src/drift/report.js';

function drifted(number: string, name = 'Support France'): NumberDrift {
  return {
    number,
    name,
    file: 'config/numbers/support-fr.yaml',
    status: 'drifted',
    differences: [{ kind: 'message-changed', where: 'welcome.message', live: 'tts "Fermé" (fr-FR)', git: 'tts "Bienvenue" (fr-FR)' }],
    cause: { kind: 'outside-edit', version: 4, by: 'alice (dashboard)', at: '2026-01-09T22:14:00.000Z' },
  };
}

function report(checkedAt: string, numbers: NumberDrift[]): DriftReport {
  return {
    format: 'callflow-drift',
    formatVersion: 1,
    checkedAt,
    inSync: numbers.length === 0,
    provider: { name: 'sandbox', flows: true, limitations: [] },
    summary: { compared: numbers.length + 2, inSync: 2, drifted: numbers.length, notInAccount: 0, outsideEdits: numbers.length, unmanaged: 0 },
    numbers,
    matching: ['+12125550142', '+442071838750'],
    unmanaged: [],
  };
}

describe('the drift issue', () => {
  it('opens once on first drift, updates while drift lasts (first seen kept, checks counted), closes with a comment when live matches again', () => {
    const first = driftIssueAction({ report: report('2026-01-10T06:00:00.000Z', [drifted('+33176360000')]), open: null, label: 'callflow-drift' });
    expect(first.kind).toBe('open');
    if (first.kind !== 'open') return;
    expect(first.labels).toEqual(['callflow-drift']);
    expect(first.title).toBe('callflow drift: 1 number differs from Git');
    expect(first.body.startsWith(DRIFT_ISSUE_MARKER)).toBe(true);
    expect(first.body).toContain('**First seen** 2026-01-10T06:00:00.000Z · **checks while drifted** 1');
    expect(first.body).toContain('| `+33176360000` | Support France | 1 | edited outside callflow: flow v4 published by alice (dashboard) at 2026-01-09T22:14:00.000Z |');
    expect(first.body).toContain('| welcome.message | tts "Fermé" (fr-FR) | tts "Bienvenue" (fr-FR) |');
    expect(readDriftIssueState(first.body)).toEqual({ firstSeen: '2026-01-10T06:00:00.000Z', checks: 1 });

    const second = driftIssueAction({ report: report('2026-01-10T12:00:00.000Z', [drifted('+33176360000'), drifted('+33100000000', 'Ventes')]), open: { body: first.body }, label: 'callflow-drift' });
    expect(second.kind).toBe('update');
    if (second.kind !== 'update') return;
    expect(second.title).toBe('callflow drift: 2 numbers differ from Git');
    expect(readDriftIssueState(second.body)).toEqual({ firstSeen: '2026-01-10T06:00:00.000Z', checks: 2 });
    expect(second.body).toContain('**last check** 2026-01-10T12:00:00.000Z');
    expect(second.body).toContain('`+33100000000`');

    const closed = driftIssueAction({ report: report('2026-01-10T18:00:00.000Z', []), open: { body: second.body }, label: 'callflow-drift' });
    expect(closed).toEqual({
      kind: 'close',
      comment: 'Live matches Git again (checked 2026-01-10T18:00:00.000Z). Drift was first seen 2026-01-10T06:00:00.000Z and found by 2 checks.',
    });
    expect(driftIssueAction({ report: report('2026-01-11T00:00:00.000Z', []), open: null, label: 'callflow-drift' })).toEqual({ kind: 'none' });
  });

  it('a body whose hidden state was edited away or damaged starts a new count instead of failing', () => {
    const body = `${DRIFT_ISSUE_MARKER}\n<!-- callflow-drift-state {"firstSeen":"yesterday","checks":-1} -->\nsomeone edited this`;
    expect(readDriftIssueState(body)).toBeUndefined();
    const action = driftIssueAction({ report: report('2026-01-10T06:00:00.000Z', [drifted('+33176360000')]), open: { body }, label: 'callflow-drift' });
    expect(action.kind === 'update' && readDriftIssueState(action.body)).toEqual({ firstSeen: '2026-01-10T06:00:00.000Z', checks: 1 });
  });

  it('stays under GitHub\'s body limit with thousands of drifted numbers, escapes what numbers are named', () => {
    const many = Array.from({ length: 3000 }, (_, i) => drifted(`+3319${String(i).padStart(7, '0')}`, i === 0 ? '<script>alert(1)</script> | *bold*' : `Line ${i}`));
    const action = driftIssueAction({ report: report('2026-01-10T06:00:00.000Z', many), open: null, label: 'callflow-drift' });
    if (action.kind !== 'open') throw new Error(action.kind);
    expect(action.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(action.body).toContain(DRIFT_ISSUE_MARKER);
    expect(readDriftIssueState(action.body)).toEqual({ firstSeen: '2026-01-10T06:00:00.000Z', checks: 1 });
    expect(action.body).not.toContain('<script>');
    expect(action.body).toContain('&lt;script&gt;');
    expect(action.body).toContain('#### Resolve it');
  });

  it('links the pull request that adopts the live version, or says why there is none', () => {
    const input = { report: report('2026-01-10T06:00:00.000Z', [drifted('+33176360000')]), open: null, label: 'callflow-drift' };
    const linked = driftIssueAction({ ...input, adoption: { kind: 'pull-request', number: 7, url: 'https://github.com/o/r/pull/7' } });
    expect(linked.kind === 'open' && linked.body).toContain('- **Keep the live version**: review and merge [#7](https://github.com/o/r/pull/7), which writes it into the config');
    const failed = driftIssueAction({ ...input, adoption: { kind: 'failed', reason: 'GitHub refused to make a tree: HTTP 403 <nope>' } });
    expect(failed.kind === 'open' && failed.body).toContain('- **Keep the live version**: callflow could not open its pull request (GitHub refused to make a tree: HTTP 403 &lt;nope&gt;); run `callflow drift --adopt` on a branch');
  });
});
