import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePlan, serialisePlan } from '../../src/plan/plan-file.js';
import { buildPlan } from '../../src/plan/plan.js';
import { planSchema } from '../../src/plan/plan-schema.js';
import { renderPlanJson } from '../../src/plan/render-json.js';
import { liveMovesSince } from '../../src/plan/staleness.js';
import { AT, appliedRepo, boughtNumber, docOf, editable, exampleRepo, SANDBOX_CAPABILITIES } from './helpers.js';

async function freshPlan() {
  const repo = await exampleRepo();
  const live = repo.numbers.map((e) => boughtNumber(e.config));
  return { repo, live, plan: buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT }) };
}

describe('plan file', () => {
  it('reads back exactly what it wrote, and the JSON output is that file', async () => {
    const { plan } = await freshPlan();
    const text = serialisePlan(plan);
    expect(parsePlan(text)).toEqual({ ok: true, plan });
    expect(renderPlanJson(plan)).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: 'callflow-plan', formatVersion: 1, checksum: plan.checksum });
    // The documented format is exportable as a JSON Schema for scripts.
    expect(z.toJSONSchema(planSchema, { unrepresentable: 'any' })).toHaveProperty('properties.numbers');
  });

  it('refuses a file that is not a plan, a damaged one, or one from another format version', async () => {
    const { plan } = await freshPlan();
    expect(parsePlan('{')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parsePlan('{"format":"callflow-plan","formatVersion":1}')).toMatchObject({ ok: false, error: expect.stringContaining('not a callflow plan') });
    const edited = structuredClone(plan);
    edited.inputs.numbers[0]!.latestVersion = 7;
    expect(parsePlan(serialisePlan(edited))).toMatchObject({ ok: false, error: expect.stringContaining('checksum') });
    expect(parsePlan(JSON.stringify({ ...plan, formatVersion: 2 }))).toMatchObject({ ok: false, error: expect.stringContaining('version 2') });
  });

  it('has a checksum that follows the inputs, not the time the plan was made', async () => {
    const { repo, live, plan } = await freshPlan();
    const later = buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: '2030-01-01T00:00:00Z' });
    expect(later.checksum).toBe(plan.checksum);
    const moved = live.map((n, i) => (i === 0 ? { ...n, flow: { ...n.flow!, latestVersion: 1 } } : n));
    expect(buildPlan({ repo, live: moved, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT }).checksum).not.toBe(plan.checksum);
    const renamed = { ...repo, numbers: repo.numbers.map((e, i) => (i === 0 ? { ...e, config: { ...e.config, name: 'Renamed' } } : e)) };
    expect(buildPlan({ repo: renamed, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT }).checksum).not.toBe(plan.checksum);
  });
});

describe('liveMovesSince', () => {
  it('is empty while live is as planned, and names each number that moved', async () => {
    const repo = await exampleRepo();
    const live = appliedRepo(repo).map(editable);
    const plan = buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    expect(liveMovesSince(plan, live)).toEqual([]);

    const now = live.map(editable);
    now[0]!.flow.latestVersion = 2; // someone saved a draft
    docOf(now[1]!).steps['welcome'].next = 'menu'; // someone edited the published flow in place
    now[2]!.name = 'Renamed in the UI';
    expect(liveMovesSince(plan, now).sort((a, b) => a.number.localeCompare(b.number))).toEqual([
      { number: now[1]!.number, reason: 'settings or published flow changed since the plan' },
      { number: now[2]!.number, reason: 'settings or published flow changed since the plan' },
      { number: now[0]!.number, reason: 'flow version is now 2 (planned against 1)' },
    ]);
    expect(liveMovesSince(plan, now.slice(1))).toContainEqual({ number: now[0]!.number, reason: 'no longer in the account' });
  });
});
