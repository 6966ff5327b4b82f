import { describe, expect, it } from 'vitest';
import type { AdoptResult } from '../../src/drift/adopt.js';
import { GITHUB_BODY_LIMIT } from '../../src/drift/issue.js';
import type { DriftReport, NumberDrift } from '../../src/drift/report.js';
import { ADOPT_PR_MARKER, adoptPullRequestTitle, renderAdoptPullRequest, type AdoptPullRequestInput } from '../../src/github/adopt-report.js';

function input(count: number, name: (i: number) => string): AdoptPullRequestInput {
  const numbers: NumberDrift[] = Array.from({ length: count }, (_, i) => ({
    number: `+3319${String(i).padStart(7, '0')}`,
    name: name(i),
    file: `config/numbers/n${i}.yaml`,
    status: 'drifted',
    differences: [{ kind: 'setting', where: 'name', live: '"x"', git: '"y"' }],
    cause: { kind: 'outside-edit', version: 3, by: 'alice (dashboard)', at: '2026-01-09T22:14:00.000Z' },
  }));
  const report: DriftReport = {
    format: 'callflow-drift',
    formatVersion: 1,
    checkedAt: '2026-01-10T06:00:00.000Z',
    inSync: false,
    provider: { name: 'sandbox', flows: true, limitations: [] },
    summary: { compared: count, inSync: 0, drifted: count, notInAccount: 0, outsideEdits: count, unmanaged: 0 },
    numbers,
    matching: [],
    unmanaged: [],
  };
  const result: AdoptResult = {
    files: numbers.map((n) => ({ path: n.file!, text: 'x' })),
    audio: [{ path: 'audio/adopted/0123456789abcdef.mp3', sha256: '0123456789abcdef'.repeat(4) }],
    adopted: numbers.map((n) => ({ number: n.number, file: n.file! })),
    skipped: [{ number: '+3310000000', reason: "live has the platform's default flow: nothing to adopt (apply Git's version instead)" }],
    notes: [],
  };
  return { report, result, inRepo: (path) => `infra/${path}`, commit: 'a'.repeat(40), links: { commit: 'https://github.com/o/r/commit/aaa', run: 'https://github.com/o/r/actions/runs/1' } };
}

describe('the pull request that adopts drift', () => {
  it('lists each number with its file in the repository and who changed it, what else is written, and what could not be adopted', () => {
    const pr = input(2, (i) => (i === 0 ? 'Support <France> | *24/7*' : 'Sales'));
    const body = renderAdoptPullRequest(pr);
    expect(adoptPullRequestTitle(pr)).toBe('callflow: adopt the live version of 2 numbers');
    expect(body.startsWith(ADOPT_PR_MARKER)).toBe(true);
    expect(body).toContain('| `+33190000000` | Support &lt;France&gt; \\| \\*24/7\\* | `infra/config/numbers/n0.yaml` | edited outside callflow: flow v3 published by alice (dashboard) at 2026-01-09T22:14:00.000Z |');
    expect(body).toContain('`infra/audio/adopted/0123456789abcdef.mp3`');
    expect(body).toContain("- `+3310000000`: live has the platform's default flow");
    expect(body).toContain('by [the drift check](https://github.com/o/r/actions/runs/1)');
  });

  it("stays within GitHub's body limit with thousands of numbers, saying how many are not listed", () => {
    const body = renderAdoptPullRequest(input(3000, (i) => `A rather long name for number ${i} `.repeat(6)));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toMatch(/_… and \d+ numbers more\._/);
    expect(body).toContain('closes this pull request when nothing is left to adopt');
  });
});
