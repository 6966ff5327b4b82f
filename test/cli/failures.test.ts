import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../fixtures/broken/harness.js';

/** What a new user trips over: each must be one line naming the file, exit 1, and no stack. */
describe('a command that cannot use a file the user named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-failures-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const oneLineFailure = (run: { code: number; stdout: string; stderr: string }, command: string, mentions: string) => {
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^callflow ${command}: `));
    expect(lines[0]).toContain(mentions);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it('apply --plan with a file that does not exist', async () => {
    const run = await runCli(['apply', '--plan', 'missing.json'], { cwd: REPO_ROOT });
    oneLineFailure(run, 'apply', 'cannot read missing.json: no such file or directory');
  });

  it('apply --plan with a JSON file that is not a plan, or a directory', async () => {
    oneLineFailure(await runCli(['apply', '--plan', file('other.json', '{"hello": "world"}')], { cwd: REPO_ROOT }), 'apply', 'not a callflow plan');
    oneLineFailure(await runCli(['apply', '--plan', file('list.json', '[1, 2]')], { cwd: REPO_ROOT }), 'apply', 'not a callflow plan');
    oneLineFailure(await runCli(['apply', '--plan', dir], { cwd: REPO_ROOT }), 'apply', 'it is a directory');
  });

  it('plan --out into a directory that does not exist', async () => {
    // A copy of the example repo: the plan runs for real on its own in-process sandbox.
    const root = join(dir, 'repo');
    cpSync(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
    cpSync(join(REPO_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
    const run = await runCli(['plan', '--out', join(dir, 'no/such/dir/p.json')], { cwd: root, env: { CALLFLOW_LOG_LEVEL: 'silent' } });
    oneLineFailure(run, 'plan', `no/such/dir/p.json: the directory ${join(dir, 'no/such/dir')} does not exist`);
    // Refused before the account was read: the in-process sandbox was never started there.
    expect(existsSync(join(root, '.callflow', 'sandbox'))).toBe(false);
  });

  it('sandbox --seed with a malformed file', async () => {
    const run = await runCli(['sandbox', '--seed', file('seed.yaml', 'numbers: [ {digits: 1\n')], { cwd: REPO_ROOT });
    oneLineFailure(run, 'sandbox', 'not YAML or JSON');
    const wrong = await runCli(['sandbox', '--seed', file('seed2.yaml', 'numbers:\n  - digits: "123"\n')], { cwd: REPO_ROOT });
    oneLineFailure(wrong, 'sandbox', 'numbers.0.digits');
  });

  it('a provider URL that is not a URL', async () => {
    const run = await runCli(['plan'], { cwd: REPO_ROOT, env: { CALLFLOW_PROVIDER_URL: 'http://127.0.0.1:99999' } });
    oneLineFailure(run, 'plan', 'is not a URL');
  });
});
