import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempRepo } from '../fixtures/broken/harness.js';

describe('mistakes on the command line', () => {
  it('suggests the command meant by a typo', async () => {
    const run = await runCli(['valdate'], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown command "valdate"; did you mean "validate"?');
  });

  it('suggests the flag meant by a typo', async () => {
    const run = await runCli(['plan', '--detailed-exit-code'], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Unknown option '--detailed-exit-code'; did you mean --detailed-exitcode?");
  });

  it('suggests the audio subcommand meant by a typo, and only a close one', async () => {
    const run = await runCli(['audio', 'chek'], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('callflow audio: unknown subcommand "chek"; did you mean "check"?');
    expect((await runCli(['audio', 'fxi'], { cwd: REPO_ROOT })).stderr).toContain('unknown subcommand "fxi"; did you mean "fix"?');
    expect((await runCli(['audio', 'convert'], { cwd: REPO_ROOT })).stderr.split('\n')[0]).toBe('callflow audio: unknown subcommand "convert"');
  });

  it('refuses an unknown log level', async () => {
    const run = await runCli(['validate', '--log-level', 'loud'], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--log-level must be one of');
  });
});

describe('a run that finds nothing to check', () => {
  it('fails from a subdirectory instead of passing on zero files', async () => {
    const run = await runCli(['validate', '--format', 'json'], { cwd: join(REPO_ROOT, 'config', 'numbers') });
    expect(run.code).toBe(1);
    const problems = JSON.parse(run.stdout).problems;
    expect(problems).toEqual([expect.objectContaining({ rule: 'config/no-numbers', severity: 'error', file: 'config/numbers', line: 1 })]);
    expect(problems[0].hint).toContain('--root');
  });

  it('fails when config/numbers/ is empty', async () => {
    const repo = tempRepo({ 'config/callflow.yaml': 'provider: { type: sandbox }\n' });
    try {
      const run = await runCli(['validate'], { cwd: repo.root });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('no number files in config/numbers/');
    } finally {
      repo.cleanup();
    }
  });
});
