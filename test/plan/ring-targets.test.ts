import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.js';
import { renderPlanText } from '../../src/plan/render-text.js';
import type { RingTarget } from '../../src/model/live.js';
import { AT, appliedRepo, exampleRepo, numberEntry, repoWith, SANDBOX_CAPABILITIES } from './helpers.js';

const ACCOUNT: RingTarget[] = [
  { kind: 'team', id: '1', name: 'Ventes' },
  { kind: 'team', id: '2', name: 'Support N1' },
  { kind: 'team', id: '3', name: 'Sales East' },
  { kind: 'team', id: '4', name: 'Sales West' },
  { kind: 'user', id: '5', name: 'Dana Whitfield' },
];

/** The example repo with support-fr's sales step ringing `to` instead of `{ team: Ventes }`. */
async function planWithRing(to: string) {
  const repo = await exampleRepo();
  const fr = repo.numbers.find((n) => n.file === 'config/numbers/support-fr.yaml')!;
  const edited = numberEntry(fr.source.text.replace('to: { team: Ventes }', `to: ${to}`), fr.file);
  return buildPlan({ repo: repoWith(repo, repo.numbers.map((n) => (n === fr ? edited : n))), live: appliedRepo(repo), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT, ringTargets: ACCOUNT });
}

describe('plan/unknown-ring-target', () => {
  it('a misspelled team gets its did-you-mean in the message, so every rendering of the plan shows it (the Markdown comment shows no hints)', async () => {
    for (const to of ['{ team: Ventess }', '{ teams: [Support N1, Ventess] }']) {
      const plan = await planWithRing(to);
      const problem = plan.problems.find((p) => p.rule === 'plan/unknown-ring-target')!;
      expect(problem.message).toBe('ring step "sales" rings team "Ventess", which the account does not have; did you mean "Ventes"?');
      expect(renderPlanMarkdown(plan)).toContain('which the account does not have; did you mean "Ventes"?');
      expect(renderPlanText(plan, { color: false })).toContain('did you mean "Ventes"?');
    }
  });

  it('a name close to nothing says what to do instead', async () => {
    const plan = await planWithRing('{ user: Zoe }');
    expect(plan.problems.find((p) => p.rule === 'plan/unknown-ring-target')).toMatchObject({
      message: 'ring step "sales" rings user "Zoe", which the account does not have',
      hint: 'create the user in the account first, or correct the name',
    });
  });
});
