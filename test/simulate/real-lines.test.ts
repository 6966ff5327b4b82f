/**
 * Three lines modelled as a support-operations team would (issue #18): a Paris support line
 * with French public holidays and a lunch break, a US sales line whose flow tests cross both
 * 2026 DST changes, a Bavarian night hotline forwarding to an on-call mobile with a fallback.
 * They must validate with no workaround, their flow tests must pass, and export must give
 * back files that plan nothing.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/config/load.js';
import { canonicalFlow } from '../../src/model/canonical.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { runFlowTests } from '../../src/simulate/flow-tests.js';
import { callflow, startSeededSandbox } from '../apply/harness.js';

const LINES = join(import.meta.dirname, '..', 'fixtures', 'lines');

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the three real lines', () => {
  it('validate with no problem at all', async () => {
    const { problems } = await validateRepo({ root: LINES });
    expect(problems).toEqual([]);
  });

  it('pass every flow test, holidays and DST changes included', async () => {
    const { repo } = await loadRepo({ root: LINES });
    const results = runFlowTests(repo);
    expect(results.filter((r) => !r.passed).map((r) => `${r.numberFile} › ${r.name}`)).toEqual([]);
    expect(results.map((r) => r.numberFile).sort()).toEqual([...Array(8).fill('hotline-de'), ...Array(10).fill('sales-us'), ...Array(9).fill('support-paris')]);
  });

  it('publish the calendar, the expanded week and the final retry message in the canonical document', async () => {
    const { repo } = await loadRepo({ root: LINES });
    const paris = repo.numbers.find((n) => n.config.number === '+33176360100')!;
    const flow = canonicalFlow(paris, repo);
    const hours = flow.steps['hours'];
    expect(hours?.type === 'time_rule' && hours.schedule).toMatchObject({
      holiday_calendar: 'FR',
      weekly: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, ['09:00-12:30', '13:30-18:00']])),
    });
    expect(flow.steps['menu']).toMatchObject({ retries: { count: 2, final_message: { tts: 'Je vous passe un conseiller.', language: 'fr-FR' } } });
    expect(flow.steps['booking']).toMatchObject({ min_digits: 6, max_digits: 10 });
    const hotline = canonicalFlow(repo.numbers.find((n) => n.config.number === '+4989123456700')!, repo);
    expect(hotline.steps['on-call']).toMatchObject({ type: 'forward', ring_seconds: 25, unanswered: 'fallback' });
  });

  it('round-trip: apply, export, and the exported files validate and plan no change', async () => {
    const root = await mkdtemp(join(tmpdir(), 'callflow-lines-'));
    await cp(join(LINES, 'config'), join(root, 'config'), { recursive: true });
    server = await startSeededSandbox(root);
    expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
    const out = await mkdtemp(join(tmpdir(), 'callflow-lines-export-'));
    expect((await callflow(root, server, 'export', '--out', out)).code).toBe(0);
    expect(await readFile(join(out, 'config/schedules/night-de.yaml'), 'utf8')).toContain('holiday_calendar: DE-BY');
    const validate = await callflow(out, server, 'validate', '--format', 'json');
    expect(JSON.parse(validate.stdout)).toMatchObject({ problems: [] });
    const plan = await callflow(out, server, 'plan');
    expect(plan.stdout).toContain('Plan: 0 flows to create, 0 numbers to update, 3 unchanged.');
  });
});
