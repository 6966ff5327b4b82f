import { createHash } from 'node:crypto';
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
  it('writes the documented JSON a script reads, and reads back exactly what it wrote', async () => {
    const { repo, plan } = await freshPlan();
    const text = renderPlanJson(plan);
    expect(text.endsWith('\n')).toBe(true);
    const file = JSON.parse(text) as PlanFileAsRead;
    // Expectations from the example config and the documented format, not from the plan code.
    expect(file).toMatchObject({ format: 'callflow-plan', formatVersion: 1, generatedAt: AT });
    const configs = repo.numbers.map((e) => e.config).sort((a, b) => a.number.localeCompare(b.number));
    expect(file.numbers.map((n) => n.number).sort()).toEqual(configs.map((c) => c.number));
    for (const config of configs) {
      const written = file.numbers.find((n) => n.number === config.number)!;
      expect(written.action).toBe('create-flow');
      expect(written.desired.settings).toEqual({ name: config.name, timezone: config.timezone, language: config.language });
      expect(written.desired.flow.start).toBe(config.flow.start);
      expect(Object.keys(written.desired.flow.steps).sort()).toEqual(Object.keys(config.flow.steps).sort());
    }
    // The checksum covers the whole plan but its time: the sha256 of the format version, every other
    // field, and the problems without their positions (each as sorted JSON, in sorted order); keys sorted at every level.
    const { checksum, generatedAt: _at, problems, ...content } = file as unknown as Record<string, unknown> & { checksum: string; problems: Array<Record<string, unknown>> };
    const placeless = problems.map(({ line: _l, column: _c, endLine: _el, endColumn: _ec, ...rest }) => sortedJson(rest)).sort();
    expect(checksum).toBe(createHash('sha256').update(sortedJson({ formatVersion: 1, content, problems: placeless })).digest('hex'));
    expect(file.inputs.numbers.map((n) => n.number).sort()).toEqual(configs.map((c) => c.number));
    expect(parsePlan(text)).toEqual({ ok: true, plan });
    expect(parsePlan(serialisePlan(plan))).toEqual({ ok: true, plan });
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

/** The parts of a plan file this test reads, typed as a script would see them. */
interface PlanFileAsRead {
  format: string;
  checksum: string;
  inputs: { numbers: Array<{ number: string }> };
  numbers: Array<{ number: string; action: string; desired: { settings: unknown; flow: { start: string; steps: Record<string, unknown> } } }>;
}

/** JSON with keys sorted at every level, written here independently of src/plan/stable-json.ts. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${sortedJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
