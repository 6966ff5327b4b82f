import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { checkPlanSafety } from '../../src/plan/safety.js';
import type { Repo } from '../../src/model/repo.js';
import { AT, appliedNumber, docOf, editable, exampleRepo, manyNumbers, repoWith, SANDBOX_CAPABILITIES } from './helpers.js';

const SAFETY = { maxChangedPercent: 30, minNumbers: 10 };

/** `managed` numbers in sync, then the first `changed` of them renamed in live. */
async function planWith(managed: number, changed: number) {
  const base = await exampleRepo();
  const repo: Repo = repoWith(base, manyNumbers(base, managed));
  const live = repo.numbers.map((entry, i) => ({ ...appliedNumber(entry, repo), ...(i < changed ? { name: 'changed in the UI' } : {}) }));
  return buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

describe('checkPlanSafety', () => {
  it('allows up to maxChangedPercent of managed numbers to change', async () => {
    expect(checkPlanSafety(await planWith(10, 3), SAFETY)).toEqual({ ok: true, reasons: [] });
  });

  it('refuses more than maxChangedPercent, naming the counts, unless forced', async () => {
    const plan = await planWith(10, 4);
    expect(checkPlanSafety(plan, SAFETY)).toEqual({
      ok: false,
      reasons: ['4 of 10 managed numbers would change (40%), more than safety.maxChangedPercent (30%); review the plan and rerun with --force if this is intended'],
    });
    expect(checkPlanSafety(plan, SAFETY, { force: true }).ok).toBe(true);
  });

  it('does not apply the percentage below minNumbers managed numbers', async () => {
    expect(checkPlanSafety(await planWith(9, 9), SAFETY).ok).toBe(true);
    expect(checkPlanSafety(await planWith(9, 9), { maxChangedPercent: 30, minNumbers: 5 }).ok).toBe(false);
  });

  it('always needs --force to remove a whole flow or all of its messages', async () => {
    const repo = await exampleRepo();
    const uk = repo.numbers.find((e) => e.config.number === '+442071838750')!;
    // Live has a flow whose steps all have other names than the desired ones: every live step goes.
    const replaced = editable(appliedNumber(uk, repo));
    const doc = docOf(replaced);
    doc.steps = Object.fromEntries(Object.entries(doc.steps).map(([name, step]) => [`old-${name}`, step]));
    const plan = buildPlan({ repo: repoWith(repo, [uk]), live: [replaced], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    expect(checkPlanSafety(plan, SAFETY)).toEqual({
      ok: false,
      reasons: ['+442071838750 (After-hours UK): every step of the live flow (4) would be removed; rerun with --force if this is intended'],
    });
    expect(checkPlanSafety(plan, SAFETY, { force: true }).ok).toBe(true);

    // Desired flow that plays no message at all, where live played three.
    const silent = { ...uk, config: { ...uk.config, flow: { start: 'greeting', steps: { greeting: { type: 'hangup' as const }, urgent: { type: 'hangup' as const } } } } };
    const silentPlan = buildPlan({ repo: repoWith(repo, [silent]), live: [appliedNumber(uk, repo)], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    expect(checkPlanSafety(silentPlan, SAFETY).reasons).toEqual([
      '+442071838750 (After-hours UK): all 4 messages of the live flow would be removed; rerun with --force if this is intended',
    ]);
  });
});
