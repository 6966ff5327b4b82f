/**
 * `callflow --help` and `callflow validate` as a user runs them (the built CLI in a child
 * process), and validate's CPU against the bare parse of the same files (bare-parse.mjs),
 * both measured in this run, turn about.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runNode, type ChildRun } from './child.js';
import { generateLongFlow, generateRepo, PROJECT_ROOT } from './generate-repo.js';

const CLI = join(PROJECT_ROOT, 'bin', 'callflow.js');
const BARE = join(PROJECT_ROOT, 'bench', 'bare-parse.mjs');

export interface Measured {
  wallSeconds: number;
  cpuSeconds: number;
  peakMegabytes: number;
  exit: string;
}

export interface ValidateRow extends Measured {
  numbers: number;
  files: number;
  bareCpuSeconds: number;
  /** validate CPU / bare parse CPU, medians of this run. */
  cpuRatio: number;
}

export async function measureHelp(runs: number): Promise<Measured> {
  const samples: ChildRun[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await runNode([CLI, '--help']));
  return summarise(samples);
}

export async function measureValidate(numbers: number, runs: number): Promise<ValidateRow> {
  const root = mkdtempSync(join(tmpdir(), 'callflow-bench-validate-'));
  try {
    const files = generateRepo(root, numbers);
    // The first run fills the audio cache (.callflow/cache), as any later run on a checkout finds it.
    await runNode([CLI, 'validate', '--root', root, '--format', 'json']);
    const validate: ChildRun[] = [];
    const bare: ChildRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      bare.push(await runNode([BARE, root]));
      validate.push(await runNode([CLI, 'validate', '--root', root, '--format', 'json']));
    }
    const measured = summarise(validate);
    const bareCpuSeconds = median(bare.map((s) => s.cpuSeconds));
    return { numbers, files, ...measured, bareCpuSeconds, cpuRatio: measured.cpuSeconds / bareCpuSeconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One number whose flow has `steps` steps: graph checks, locating, duplicate detection at size. */
export async function measureLongFlow(steps: number, runs: number): Promise<Measured & { steps: number }> {
  const root = mkdtempSync(join(tmpdir(), 'callflow-bench-flow-'));
  try {
    generateLongFlow(root, steps);
    const samples: ChildRun[] = [];
    for (let i = 0; i < runs; i += 1) samples.push(await runNode([CLI, 'validate', '--root', root, '--format', 'json']));
    return { steps, ...summarise(samples) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function summarise(samples: readonly ChildRun[]): Measured {
  return {
    wallSeconds: median(samples.map((s) => s.wallSeconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    peakMegabytes: Math.max(...samples.map((s) => s.peakMegabytes)),
    exit: [...new Set(samples.map((s) => String(s.code)))].join('/'),
  };
}
