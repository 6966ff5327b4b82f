/**
 * `npm run bench`: cost at every size, in one table (also written to bench/results.json).
 *   cold `--help`; validate of 100 / 1,000 / 5,000 generated numbers against the bare parse of
 *   the same files; one flow of 2,000 / 10,000 steps; plan, apply and drift of 1,000 / 5,000
 *   new flows against the sandbox, requests counted at the server; growth 5,000 / 1,000 of each.
 * Ratios compare figures measured in this same run. Targets are the issue's, not timed tests.
 * `npm run bench -- --quick` runs the small sizes only; `--micro` runs the component benches
 * (audio, plan, providers) instead.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './generate-repo.js';
import { measurePlanAndApply, type SandboxRow } from './sandbox-rows.js';
import { count, megabytes, printTable, seconds, times, type Line } from './table.js';
import { measureHelp, measureLongFlow, measureValidate, type ValidateRow } from './validate-rows.js';

const quick = process.argv.includes('--quick');

if (process.argv.includes('--micro')) await runMicroBenches();
else await runTable();

async function runTable(): Promise<void> {
  build();
  const loadBefore = loadavg()[0]!;
  const sizes = quick ? [100, 1000] : [100, 1000, 5000];
  const [small, large] = quick ? [100, 1000] : [1000, 5000];
  const help = await measureHelp(5);
  const validate: ValidateRow[] = [];
  // Seven runs each: the ratio is a claim, and on a shared machine three medians still wander.
  for (const numbers of sizes) validate.push(await measureValidate(numbers, 7));
  const flows = [await measureLongFlow(2000, 3), await measureLongFlow(10_000, 3)];
  const sandbox: SandboxRow[] = [...(await measurePlanAndApply(small)), ...(await measurePlanAndApply(large))];

  const lines: Line[] = [
    { what: 'callflow --help (cold)', size: '', wall: seconds(help.wallSeconds), cpu: seconds(help.cpuSeconds), peak: megabytes(help.peakMegabytes), figure: `exit ${help.exit}` },
    ...validate.map((row) => ({
      what: 'validate',
      size: `${count(row.numbers)} numbers`,
      wall: seconds(row.wallSeconds),
      cpu: seconds(row.cpuSeconds),
      peak: megabytes(row.peakMegabytes),
      figure: `CPU ${times(row.cpuRatio)} the bare parse (${seconds(row.bareCpuSeconds)}); exit ${row.exit}`,
    })),
    ...flows.map((row) => ({ what: 'validate, one flow', size: `${count(row.steps)} steps`, wall: seconds(row.wallSeconds), cpu: seconds(row.cpuSeconds), peak: megabytes(row.peakMegabytes), figure: `exit ${row.exit}` })),
    ...sandbox.map((row) => ({
      what: { plan: 'plan, new flows', apply: 'apply --doit, new flows', drift: 'drift, in sync' }[row.command],
      size: `${count(row.numbers)} numbers`,
      wall: seconds(row.wallSeconds),
      cpu: seconds(row.cpuSeconds),
      peak: megabytes(row.peakMegabytes),
      figure: `${count(row.requests)} requests (lower bound ${count(row.lowerBound)}: ${times(row.requests / row.lowerBound)}), ${count(row.uploads)} uploads; exit ${row.exit}`,
    })),
  ];
  const growth = [
    growthLine('validate', validate.find((r) => r.numbers === small)!, validate.find((r) => r.numbers === large)!, large / small),
    growthLine('validate, one flow', flows[0]!, flows[1]!, 5),
    growthLine('plan', sandbox[0]!, sandbox[3]!, large / small),
    growthLine('apply --doit', sandbox[1]!, sandbox[4]!, large / small),
    growthLine('drift', sandbox[2]!, sandbox[5]!, large / small),
  ];
  const load = { before: loadBefore, after: loadavg()[0]! };
  console.log(`\ncallflow bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after`);
  // Other work on the machine stretches wall times; CPU times and ratios hold up better.
  if (Math.max(load.before, load.after) > cpus().length) console.log('the machine was busy with other work: wall times are inflated');
  console.log('');
  printTable('measure', lines);
  console.log('');
  printTable(`growth ${count(large)} / ${count(small)}`, growth);
  writeFileSync(
    join(PROJECT_ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadAverage: load, measuredAt: new Date().toISOString(), quick, help, validate, flows, sandbox, growth }, null, 2)}\n`,
  );
  console.log('\nwritten to bench/results.json');
}

function growthLine(what: string, small: { wallSeconds: number; cpuSeconds: number }, large: { wallSeconds: number; cpuSeconds: number }, factor: number): Line {
  const wall = large.wallSeconds / small.wallSeconds;
  const cpu = large.cpuSeconds / small.cpuSeconds;
  return { what, size: `×${factor} input`, wall: times(wall), cpu: times(cpu), peak: '', figure: `per unit of input: wall ${times(wall / factor)}, CPU ${times(cpu / factor)} (linear = ×1.00)` };
}

/** The bench times the compiled CLI: rebuild, so it never measures a stale dist/. */
function build(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

async function runMicroBenches(): Promise<void> {
  const benchDir = join(PROJECT_ROOT, 'bench');
  for (const file of readdirSync(benchDir).filter((name) => name.endsWith('.bench.ts')).sort()) {
    console.log(`\n== ${file}`);
    const module = (await import(join(benchDir, file))) as { run: () => Promise<void> };
    await module.run();
  }
}
