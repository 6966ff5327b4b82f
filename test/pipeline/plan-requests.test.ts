/**
 * Issue 19: a plan costs the account the lower bound of requests, counted at the server, on
 * both providers. The bound: ⌈N/50⌉ pages of GET /v1/numbers and, only when some flow has a
 * ring step, the pages of GET /v1/users and GET /v1/teams (⌈x/50⌉, at least 1 each) — nothing
 * per number, nothing else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { planRepo, type PlannedRepo } from '../../src/pipeline/index.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import { seedFromRepo } from '../../src/sandbox/seed.js';
import { removeTempDirs } from '../sandbox/helpers.js';
import { countedAccount, PROVIDER_KINDS, type AnsweredRequest, type ProviderKind } from './counted-account.js';
import { generatedRepo, type RingNames } from './generated-repo.js';

afterAll(removeTempDirs);

const PAGE = 50;
const pages = (items: number) => Math.max(1, Math.ceil(items / PAGE));

/** Plans the generated repo against a fresh account seeded from it; returns the plan and what the server answered. */
async function planCounted(kind: ProviderKind, count: number, ring?: RingNames): Promise<{ planned: PlannedRepo; requests: AnsweredRequest[] }> {
  const root = await generatedRepo(count, ring);
  const { repo } = await validateRepo({ root, configDir: 'config' });
  const account = await countedAccount(kind, seedFromRepo(repo));
  try {
    const outcome = await planRepo({
      root,
      configDir: 'config',
      logger: silentLogger(),
      clock: () => new Date('2026-11-25T12:00:00Z'),
      checks: [],
      connect: async () => account.provider(),
    });
    if (outcome.kind !== 'planned') throw new Error(`the generated repo is invalid: ${JSON.stringify(outcome.validation.problems[0])}`);
    return { planned: outcome, requests: [...account.requests] };
  } finally {
    await account.close();
  }
}

const tally = (requests: AnsweredRequest[]) => requests.reduce<Record<string, number>>((out, r) => ({ ...out, [`${r.method} ${r.path}`]: (out[`${r.method} ${r.path}`] ?? 0) + 1 }), {});

describe.each(PROVIDER_KINDS)('a plan on the %s provider reads the account at the lower bound of requests', (kind) => {
  it.each([1, 50, 51, 120])('%i numbers without ring steps: ⌈N/50⌉ pages of numbers, no users or teams', async (count) => {
    const { planned, requests } = await planCounted(kind, count);
    expect(planned.plan.summary).toMatchObject({ managed: count, errors: 0 });
    expect(tally(requests)).toEqual({ 'GET /v1/numbers': pages(count) });
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });

  it('120 numbers ringing 60 users and 3 teams: ⌈120/50⌉ + ⌈60/50⌉ + ⌈3/50⌉ = 6 list pages, nothing else', async () => {
    const ring = { users: 60, teams: 3 };
    const { planned, requests } = await planCounted(kind, 120, ring);
    // Every ring target was found among the users and teams read: the plan has no errors.
    expect(planned.plan.summary).toMatchObject({ managed: 120, errors: 0 });
    expect(tally(requests)).toEqual({ 'GET /v1/numbers': 3, 'GET /v1/users': 2, 'GET /v1/teams': 1 });
    expect(requests).toHaveLength(pages(120) + pages(ring.users) + pages(ring.teams));
  });
});
