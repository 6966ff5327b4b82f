/**
 * Issue #17, item 6: a config YAML that is a symlink was followed out of the repo and its
 * content printed (`ln -s /proc/self/environ config/numbers/zz.yaml` put a token in an
 * annotation). Every file callflow reads from the repo must be inside it, as audio files are.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { numberYaml, runCli, tempRepo } from '../fixtures/broken/harness.js';

const outside = mkdtempSync(join(tmpdir(), 'callflow-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const STEPS = '    welcome: { type: hangup }\n';

describe('config files are read only from inside the repo', () => {
  it('a symlink to /proc/self/environ is refused, and nothing of the environment is printed', async () => {
    const repo = tempRepo({ 'config/numbers/a.yaml': numberYaml(STEPS) });
    try {
      symlinkSync('/proc/self/environ', join(repo.root, 'config/numbers/zz.yaml'));
      for (const format of ['github', 'text', 'json']) {
        const run = await runCli(['validate', '--root', repo.root, '--format', format], { env: { AIRCALL_API_TOKEN: 'tok-secret-123', PATH: '/usr/bin' } });
        expect(run.code).toBe(1);
        expect(run.stdout + run.stderr).not.toContain('tok-secret-123');
        expect(run.stdout + run.stderr).not.toContain('PATH=');
        expect(run.stdout).toContain('config/numbers/zz.yaml');
      }
      const json = JSON.parse((await runCli(['validate', '--root', repo.root, '--format', 'json'])).stdout);
      expect(json.problems).toContainEqual(expect.objectContaining({ rule: 'yaml/outside-repo', file: 'config/numbers/zz.yaml', severity: 'error' }));
    } finally {
      repo.cleanup();
    }
  });

  it('a symlink to a YAML file outside the repo is refused without being read', async () => {
    writeFileSync(join(outside, 'secret.yaml'), 'token: "s3cr3t-value"\n');
    const repo = tempRepo({ 'config/numbers/a.yaml': numberYaml(STEPS) });
    try {
      symlinkSync(join(outside, 'secret.yaml'), join(repo.root, 'config/numbers/b.yaml'));
      symlinkSync(join(outside, 'secret.yaml'), join(repo.root, 'config/callflow.yaml'));
      const run = await runCli(['validate', '--root', repo.root, '--format', 'json']);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain('s3cr3t');
      const problems = JSON.parse(run.stdout).problems;
      expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/outside-repo', file: 'config/numbers/b.yaml' }));
      expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/outside-repo', file: 'config/callflow.yaml' }));
    } finally {
      repo.cleanup();
    }
  });

  it('a numbers directory that is a symlink out of the repo is refused file by file', async () => {
    const dir = join(outside, 'numbers');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'x.yaml'), numberYaml(STEPS));
    const repo = tempRepo({ 'config/schedules/.keep': '' });
    try {
      symlinkSync(dir, join(repo.root, 'config/numbers'));
      const run = await runCli(['validate', '--root', repo.root, '--format', 'json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).problems).toContainEqual(expect.objectContaining({ rule: 'yaml/outside-repo', file: 'config/numbers/x.yaml' }));
    } finally {
      repo.cleanup();
    }
  });

  it('a symlink that stays inside the repo is read as usual', async () => {
    const repo = tempRepo({ 'shared/a.yaml': numberYaml(STEPS), 'config/schedules/.keep': '' });
    try {
      mkdirSync(join(repo.root, 'config/numbers'));
      symlinkSync('../../shared/a.yaml', join(repo.root, 'config/numbers/a.yaml'));
      const run = await runCli(['validate', '--root', repo.root]);
      expect(run.stdout).toContain('0 errors');
      expect(run.code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});
