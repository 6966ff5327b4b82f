/**
 * Issue #17, items 10 and 11 (files named on the command line): `plan --out FIFO` and
 * `apply --plan FIFO` hung, `--plan /dev/zero` ate 635 MB. Only regular files are read or
 * written, reads are bounded, and every failure is one line, exit 1.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../fixtures/broken/harness.js';
import { runCliProcess, type ProcessRun } from '../support/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'callflow-user-files-'));
const root = join(dir, 'repo');
cpSync(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
cpSync(join(REPO_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

function expectOneLine(run: ProcessRun, command: string, mentions: string | RegExp): void {
  expect(run.code, `killed or wrong exit; stderr: ${run.stderr}`).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^callflow ${command}: `));
  if (typeof mentions === 'string') expect(lines[0]).toContain(mentions);
  else expect(lines[0]).toMatch(mentions);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('files named on the command line', () => {
  it('apply --plan FIFO answers at once instead of waiting for a writer', () => {
    expectOneLine(runCliProcess(['apply', '--plan', fifo('plan-in')], { cwd: root, timeoutMs: 20_000 }), 'apply', 'not a regular file');
  });

  it('plan --out FIFO answers at once instead of waiting for a reader', () => {
    expectOneLine(runCliProcess(['plan', '--out', fifo('plan-out')], { cwd: root, timeoutMs: 20_000 }), 'plan', 'not a regular file');
  });

  it('sandbox --seed FIFO answers at once too', () => {
    expectOneLine(runCliProcess(['sandbox', '--seed', fifo('seed-in'), '--data', join(dir, 'data')], { cwd: root, timeoutMs: 20_000 }), 'sandbox', 'not a regular file');
  });

  it('apply --plan /dev/zero is refused without reading it', () => {
    expectOneLine(runCliProcess(['apply', '--plan', '/dev/zero'], { cwd: root, timeoutMs: 20_000, nodeArgs: ['--max-old-space-size=128'] }), 'apply', 'not a regular file');
  });

  it('apply --plan with a 1 GB file is refused by its size, not read', () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 1024 ** 3);
    expectOneLine(runCliProcess(['apply', '--plan', huge], { cwd: root, timeoutMs: 20_000, nodeArgs: ['--max-old-space-size=128'] }), 'apply', /larger than [\d.,]+ MB/);
  });
});
