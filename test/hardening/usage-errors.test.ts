/**
 * Issue #17, item 5: an empty file name is a usage error (`apply --plan ""` must not apply a
 * fresh, unreviewed plan; `plan --out ""` must not exit 0 having written nothing), and
 * `audio fix IN OUT` does not silently replace an existing OUT.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli as runRepoCli } from '../fixtures/broken/harness.js';
import { fixture, runCli, tempDir } from '../audio/helpers.js';

describe('empty file names', () => {
  it('apply --plan "" and plan --out "" are usage errors, exit 1, nothing done', async () => {
    const apply = await runRepoCli(['apply', '--plan', '', '--doit'], { cwd: REPO_ROOT, env: { CALLFLOW_LOG_LEVEL: 'silent' } });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/^callflow apply: --plan needs a file name/);
    expect(apply.stdout).toBe('');
    const plan = await runRepoCli(['plan', '--out', ''], { cwd: REPO_ROOT, env: { CALLFLOW_LOG_LEVEL: 'silent' } });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^callflow plan: --out needs a file name/);
  });
});

describe('audio fix IN OUT with an existing OUT', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('refuses to replace it without --force, and leaves it as it was', async () => {
    await writeFile(join(dir, 'keep.mp3'), 'the only copy of something');
    const refused = await runCli(dir, ['audio', 'fix', fixture('mono-44k.mp3'), 'keep.mp3']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/keep\.mp3 exists; pass --force to replace it/);
    expect(await readFile(join(dir, 'keep.mp3'), 'utf8')).toBe('the only copy of something');
  });

  it('replaces it with --force', async () => {
    await writeFile(join(dir, 'old.mp3'), 'old');
    const forced = await runCli(dir, ['audio', 'fix', fixture('mono-44k.mp3'), 'old.mp3', '--force']);
    expect(forced.code).toBe(0);
    expect((await readFile(join(dir, 'old.mp3'))).length).toBeGreaterThan(100);
  });

  it('--in-place still replaces IN itself, with or without --force', async () => {
    await copyFile(fixture('cover-art.mp3'), join(dir, 'song.mp3'));
    expect((await runCli(dir, ['audio', 'fix', 'song.mp3', 'song.mp3', '--in-place'])).code).toBe(0);
  });
});
