/**
 * `callflow plan`, `callflow apply --doit` of N new flows, then `callflow drift`, against a
 * real sandbox server served by this process (the CLI in a child process, like a CI job talking
 * to an API). The server counts every request it answers; the lower bounds are what any client
 * must spend, from what was seeded:
 *   plan, drift  ⌈N/50⌉ list pages of numbers (a page carries at most 50 numbers) and, because
 *                the generated flows have ring steps, the list pages of users and of teams
 *                (⌈users/50⌉ and ⌈teams/50⌉, at least 1 each) to check that ring targets exist;
 *   apply        the same reads, 2 writes a number (draft, publish), one upload per new audio
 *                file, and the apply lock taken and released.
 * What apply spends above its bound, on purpose:
 *   + ⌈N/50⌉     after taking the lock it re-reads the numbers it is about to change (the list
 *                pages, or one read a number when that is fewer), so a change made since the
 *                plan is refused instead of overwritten (`movedSincePlan`, src/apply/apply-plan.ts);
 *   + ⌈N/50⌉     after writing it reads the list pages back, so the journal records what the
 *                platform now holds (`readBack`, src/pipeline/apply-repo.ts);
 *   + 1 a file   it asks whether each audio file is already there (HEAD) before uploading it, so a
 *                file already uploaded is not sent again.
 * So with every number new, apply = lower bound + 2 × ⌈N/50⌉ + the number of audio files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging.js';
import { seedFromConfig, seedStore, type SeedResult } from '../src/sandbox/seed.js';
import { startSandbox } from '../src/sandbox/server.js';
import { runNode } from './child.js';
import { generateRepo, PROJECT_ROOT } from './generate-repo.js';
import type { Measured } from './validate-rows.js';

const CLI = join(PROJECT_ROOT, 'bin', 'callflow.js');
const PAGE = 50;
const AUDIO_FILES = 3;

export interface SandboxRow extends Measured {
  command: 'plan' | 'apply' | 'drift';
  numbers: number;
  requests: number;
  lowerBound: number;
  reads: number;
  writes: number;
  uploads: number;
}

export async function measurePlanAndApply(numbers: number): Promise<SandboxRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'callflow-bench-apply-'));
  const counts = { reads: 0, writes: 0, uploads: 0 };
  const server = await startSandbox({
    dataDir: join(root, 'sandbox-data'),
    credentials: { id: 'sandbox', token: 'sandbox' },
    logger: silentLogger(),
    rateLimit: 1_000_000_000,
    onRequest: ({ method, path, status }) => {
      if (method === 'GET' || method === 'HEAD') counts.reads += 1;
      else counts.writes += 1;
      if (method === 'PUT' && path.startsWith('/v1/callflow/assets/') && status === 201) counts.uploads += 1;
    },
  });
  try {
    generateRepo(root, numbers);
    const seeded = await seedStore(server.store, await seedFromConfig(root));
    const env = { CALLFLOW_PROVIDER_URL: server.url, CALLFLOW_LOG_LEVEL: 'silent' };
    const run = async (command: SandboxRow['command'], args: string[], lowerBound: number): Promise<SandboxRow> => {
      Object.assign(counts, { reads: 0, writes: 0, uploads: 0 });
      const result = await runNode([CLI, ...args], { cwd: root, env });
      const exit = result.code === 0 ? '0' : `${result.code}: ${(result.stderr || result.stdout).split('\n')[0]}`;
      return { command, numbers, wallSeconds: result.wallSeconds, cpuSeconds: result.cpuSeconds, peakMegabytes: result.peakMegabytes, exit, ...counts, requests: counts.reads + counts.writes, lowerBound };
    };
    const pages = Math.ceil(numbers / PAGE) + ringTargetPages(seeded);
    const plan = await run('plan', ['plan'], pages);
    const apply = await run('apply', ['apply', '--doit', '--force'], pages + 2 * numbers + AUDIO_FILES + 2);
    const drift = await run('drift', ['drift'], pages);
    return [plan, apply, drift];
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The users and teams pages a plan reads to check ring targets. A seed from config holds exactly
 * the users and teams its ring steps name, so none seeded means no ring step and nothing read.
 */
function ringTargetPages(seeded: SeedResult): number {
  if (seeded.users + seeded.teams === 0) return 0;
  return Math.max(1, Math.ceil(seeded.users / PAGE)) + Math.max(1, Math.ceil(seeded.teams / PAGE));
}
