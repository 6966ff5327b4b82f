/**
 * `callflow validate | head -1` printed `Error: write EPIPE … Unhandled 'error' event` and a stack:
 * a reader that stops reading must end the command quietly, with the exit code it would have had.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRoot, REPO_ROOT } from '../fixtures/broken/harness.js';
import { runCliProcess, startCliProcess } from '../support/cli-process.js';

/** Runs `callflow ARGS` with its stdout closed before it writes, as `| head -0` would. */
async function runWithStdoutClosed(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = startCliProcess(argv, { cwd: REPO_ROOT });
  child.stdout!.destroy();
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stderr };
}

describe('a closed stdout (EPIPE)', () => {
  const schemaOut = mkdtempSync(join(tmpdir(), 'callflow-epipe-'));
  afterAll(() => rmSync(schemaOut, { recursive: true, force: true }));
  const commands: Array<{ argv: string[]; code: number }> = [
    { argv: ['validate', '--root', fixtureRoot('flow-unknown-step')], code: 1 },
    { argv: ['validate'], code: 0 },
    { argv: ['test'], code: 0 },
    { argv: ['schema', '--out', schemaOut], code: 0 },
    { argv: ['--help'], code: 0 },
  ];

  for (const { argv, code } of commands) {
    it(`callflow ${argv.join(' ')} ends quietly with exit ${code}`, async () => {
      expect(runCliProcess(argv, { cwd: REPO_ROOT }).code, 'the exit code with stdout open').toBe(code);
      const closed = await runWithStdoutClosed(argv);
      expect(closed.stderr).toBe('');
      expect(closed.code).toBe(code);
    }, 60_000);
  }
});
