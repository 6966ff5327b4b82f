import { describe, expect, it } from 'vitest';
import { movedSinceReview, readReviewedPlan, renderReviewedPlan, reviewedPlanOf } from '../../src/github/reviewed-plan.js';
import { JOB_SUMMARY_LIMIT, renderPlanComment, renderPlanSummary, type PlanReport } from '../../src/github/plan-report.js';
import { buildPlan } from '../../src/plan/plan.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/plan/render-markdown.js';
import { AT, boughtNumber, exampleRepo, manyNumbers, repoWith, SANDBOX_CAPABILITIES } from '../plan/helpers.js';

const COMMIT = 'c0ffee0000000000000000000000000000000000';

function report(plan: PlanReport['plan'], extra: Partial<PlanReport> = {}): PlanReport {
  return {
    commit: COMMIT,
    links: { commit: `https://github.com/o/r/commit/${COMMIT}`, run: 'https://github.com/o/r/actions/runs/9', blob: `https://github.com/o/r/blob/${COMMIT}` },
    problems: [],
    flowTests: { total: 0, failures: [], notRun: 0 },
    plan,
    ...extra,
  };
}

async function planOf(count: number) {
  const base = await exampleRepo();
  const repo = count ? repoWith(base, manyNumbers(base, count)) : base;
  return buildPlan({ repo, live: repo.numbers.map((e) => boughtNumber(e.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

describe('the plan comment of a large change', () => {
  it('1,000 numbers: under 65,536 characters, numbers with identical changes grouped, every number still listed, the reviewed plan intact', async () => {
    const plan = await planOf(1000);
    const comment = renderPlanComment(report({ kind: 'planned', plan }));
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment).toContain('Plan: 1000 flows to create');
    // The example's three numbers, copied: three groups of identical changes, each shown once.
    expect(comment).toMatch(/<code>\+15550000000<\/code> .+ and 333 other numbers with the same changes — create flow/);
    expect((comment.match(/<details>/g) ?? []).length).toBe(3);
    // Shown once per group, the YAML diffs still fit.
    expect((comment.match(/```diff/g) ?? []).length).toBe(3);
    for (const number of plan.numbers) expect(comment).toContain(`\`${number.number}\``);
    expect(comment).toContain('Numbers that get identical changes are shown together');

    const reviewed = readReviewedPlan(comment);
    expect(reviewed.ok).toBe(true);
    if (!reviewed.ok) return;
    expect(reviewed.reviewed).toMatchObject({ checksum: plan.checksum, commit: COMMIT, partial: false });
    expect(reviewed.reviewed.numbers).toHaveLength(1000);
    expect(movedSinceReview(reviewed.reviewed, plan)).toEqual([]);
  });

  it('the job summary has the full detail within 1 MiB', async () => {
    const plan = await planOf(300);
    const summary = renderPlanSummary(report({ kind: 'planned', plan }));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect((summary.match(/<details>/g) ?? []).length).toBe(300);
    expect(summary).toContain('```diff');
    expect(summary).not.toContain('callflow-reviewed-plan');
  });

  it('says what the provider cannot apply', async () => {
    const plan = await planOf(0);
    plan.provider.limitations.push('the aircall provider cannot write IVR branches; it sets the music and messages only');
    expect(renderPlanComment(report({ kind: 'planned', plan }))).toContain('> Provider: the aircall provider cannot write IVR branches; it sets the music and messages only');
  });

  it('caps long problem lists in the comment and points to the rest', async () => {
    const problems = Array.from({ length: 45 }, (_, i) => ({ severity: 'warning' as const, rule: 'flow/unreachable', message: `step s${i} is unreachable`, file: 'config/numbers/a.yaml', line: i + 1, column: 3 }));
    const comment = renderPlanComment(report({ kind: 'blocked' }, { problems }));
    expect(comment).toContain('#### Validation: 45 warnings');
    expect(comment).toContain('- … and 15 more: see the annotations on the changed files or the job summary');
    expect(renderPlanSummary(report({ kind: 'blocked' }, { problems }))).toContain('step s44 is unreachable');
  });
});

describe('the reviewed plan hidden in the comment', () => {
  it('reads back what was written, and tells a damaged or missing one apart', async () => {
    const plan = await planOf(0);
    const hidden = renderReviewedPlan(reviewedPlanOf(plan, COMMIT));
    expect(hidden).toMatch(/^<!-- callflow-reviewed-plan [A-Za-z0-9+/=]+ -->$/);
    expect(readReviewedPlan(`text\n${hidden}\n`)).toMatchObject({ ok: true, reviewed: { checksum: plan.checksum } });
    expect(readReviewedPlan('<!-- callflow-reviewed-plan AAAA -->')).toEqual({ ok: false, reason: expect.stringContaining('damaged') });
    expect(readReviewedPlan('no data here')).toEqual({ ok: false, reason: expect.stringContaining('carries no reviewed plan') });
  });

  it('a number whose live flow moved and that apply would change is reported, with the versions', async () => {
    const plan = await planOf(0);
    const reviewed = reviewedPlanOf(plan, COMMIT);
    const now = structuredClone(plan);
    const uk = now.inputs.numbers.find((n) => n.number === '+442071838750')!;
    uk.latestVersion = 4;
    uk.live = 'f'.repeat(64);
    expect(movedSinceReview(reviewed, now)).toEqual([{ number: '+442071838750', reason: 'its flow version is now 4, the reviewed plan saw 0' }]);
    // Once live matches the config (nothing to write), a move is nothing to protect.
    now.numbers.find((n) => n.number === '+442071838750')!.action = 'none';
    expect(movedSinceReview(reviewed, now)).toEqual([]);
  });
});

describe('the flow tests part', () => {
  const failure = { numberFile: 'a', name: 'one', file: 'config/numbers/a.yaml', line: 3, summary: 'first divergence at step 2' };
  it('says how many tests the errors stopped, with or without failures', () => {
    expect(renderPlanSummary(report({ kind: 'blocked' }, { flowTests: { total: 10, failures: [], notRun: 7 } }))).toContain('**Flow tests:** all 10 tests passed; 7 not run because of the errors above.');
    expect(renderPlanSummary(report({ kind: 'blocked' }, { flowTests: { total: 0, failures: [], notRun: 2 } }))).toContain('**Flow tests:** 2 not run because of the errors above.');
    expect(renderPlanSummary(report({ kind: 'blocked' }, { flowTests: { total: 10, failures: [failure], notRun: 7 } }))).toContain('#### Flow tests: 1 of 10 failed (7 not run because of the errors above)');
    expect(renderPlanSummary(report({ kind: 'blocked' }, { flowTests: { total: 10, failures: [], notRun: 0 } }))).toContain('**Flow tests:** all 10 tests passed.');
  });
});
