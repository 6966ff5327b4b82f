/**
 * The pure plan on 1,000 numbers (the example config's three flows, repeated): 30% of them
 * changed in live, the rest in sync. Wall time of each stage, median of a few runs, in-process
 * (the plan does no I/O; reading config and live state are measured elsewhere).
 */
import { fileURLToPath } from 'node:url';
import { loadRepo } from '../src/config/load.js';
import type { NumberConfig } from '../src/config/schema/index.js';
import type { Entry, Repo } from '../src/model/repo.js';
import { canonicalNumber } from '../src/model/canonical.js';
import { buildPlan } from '../src/plan/plan.js';
import { parsePlan, serialisePlan } from '../src/plan/plan-file.js';
import { renderPlanMarkdown } from '../src/plan/render-markdown.js';
import { renderPlanText } from '../src/plan/render-text.js';
import { checkPlanSafety } from '../src/plan/safety.js';
import type { LiveNumber } from '../src/model/live.js';

const NUMBERS = 1000;
const CHANGED_PERCENT = 30;
const RUNS = 5;

export async function run(): Promise<void> {
  const { repo: example } = await loadRepo({ root: fileURLToPath(new URL('..', import.meta.url)) });
  const repo: Repo = { ...example, numbers: copies(example.numbers, NUMBERS) };
  const live = repo.numbers.map((entry, index) => liveFor(entry, repo, index % 100 < CHANGED_PERCENT));
  const input = { repo, live, providerCapabilities: { flows: true, audio: 'upload' as const, locks: true, limitations: [] }, generatedAt: new Date(0).toISOString() };

  const plan = buildPlan(input);
  const json = serialisePlan(plan);
  console.log(`${NUMBERS} numbers, ${plan.summary.update} changed; plan JSON ${(json.length / 1e6).toFixed(1)} MB`);
  time('buildPlan', () => buildPlan(input));
  time('serialisePlan', () => serialisePlan(plan));
  time('parsePlan (zod + checksum)', () => parsePlan(json));
  time('checkPlanSafety', () => checkPlanSafety(plan, repo.settings.safety));
  time('renderPlanText', () => renderPlanText(plan, { color: false }));
  const markdown = renderPlanMarkdown(plan);
  time(`renderPlanMarkdown (${markdown.length} chars)`, () => renderPlanMarkdown(plan));
}

function copies(entries: Entry<NumberConfig>[], count: number): Entry<NumberConfig>[] {
  return Array.from({ length: count }, (_, index) => {
    const entry = entries[index % entries.length]!;
    return { ...entry, config: { ...entry.config, number: `+1555${String(index).padStart(7, '0')}` } };
  });
}

/** Live as a previous apply left it; for `changed` numbers, an older prompt and one step fewer. */
function liveFor(entry: Entry<NumberConfig>, repo: Repo, changed: boolean): LiveNumber {
  const { number, settings, flow } = canonicalNumber(entry, repo);
  const document = JSON.parse(JSON.stringify(flow)) as { start: string; steps: Record<string, Record<string, unknown>> };
  if (changed) {
    const names = Object.keys(document.steps);
    delete document.steps[names.at(-1)!];
    document.steps[names[0]!]!['label'] = 'older label';
  }
  return {
    id: number.slice(-7),
    number,
    name: settings.name,
    timezone: settings.timezone,
    language: settings.language,
    messages: {},
    flow: { published: { version: 3, document }, draft: null, latestVersion: 3 },
  };
}

function time(label: string, work: () => unknown): void {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: median ${samples[Math.floor(RUNS / 2)]!.toFixed(0)} ms (min ${samples[0]!.toFixed(0)}, max ${samples.at(-1)!.toFixed(0)})`);
}
