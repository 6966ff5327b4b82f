import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noProbeCache } from '../../src/audio/cache.js';
import { createAudioInspector } from '../../src/audio/inspect.js';
import { audioContentCheck } from '../../src/audio/repo-check.js';
import { judgeAudio } from '../../src/audio/rules/index.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import { fixture, LINES, runCli, tempDir, writeRepo } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('bad input is a clear problem: no crash, no hang', () => {
  it('a symlink leaving the repo, a FIFO and a directory named x.mp3 each get their own problem', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, 'audio', 'x.mp3'), { recursive: true });
    await copyFile(fixture('mono.mp3'), join(dir, 'outside.mp3'));
    await symlink(join(dir, 'outside.mp3'), join(repo, 'audio', 'link.mp3'));
    execFileSync('mkfifo', [join(repo, 'audio', 'pipe.mp3')]);
    await writeRepo(repo, { welcome: 'audio/link.mp3', hold: 'audio/pipe.mp3', vm: 'audio/x.mp3' });

    const { code, out } = await runCli(repo, ['validate', '--format', 'json']);
    expect(code).toBe(1);
    const problems = (JSON.parse(out) as { problems: Array<{ rule: string; line: number; message: string }> }).problems;
    expect(problems.map((p) => `${p.line} ${p.rule}`)).toEqual([
      `${LINES.welcome} audio/outside-repo`,
      `${LINES.hold} audio/not-a-file`,
      `${LINES.vm} audio/not-a-file`,
    ]);
    expect(problems[1]!.message).toContain('named pipe (FIFO)');
    expect(problems[2]!.message).toContain('directory');
  });

  it('a missing file whose name is one typo from a file beside it gets a did-you-mean naming that file', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, 'audio', 'fr'), { recursive: true });
    await copyFile(fixture('mono.mp3'), join(repo, 'audio', 'fr', 'welcome.mp3'));
    await writeRepo(repo, { welcome: 'audio/fr/welcom.mp3', hold: 'audio/fr/welcome.mp3', vm: 'audio/fr/nothing-like-it.mp3' });

    const { code, out } = await runCli(repo, ['validate', '--format', 'json']);
    expect(code).toBe(1);
    const missing = (JSON.parse(out) as { problems: Array<{ rule: string; line: number; message: string }> }).problems.filter((p) => p.rule === 'audio/missing');
    expect(missing.map((p) => [p.line, p.message])).toEqual([
      [LINES.welcome, '"audio/fr/welcom.mp3" does not exist; did you mean "audio/fr/welcome.mp3"?'],
      [LINES.vm, '"audio/fr/nothing-like-it.mp3" does not exist'],
    ]);
  });

  it('a .wav file that exists is asked to be converted; one that does not exist is missing, with no advice to convert it', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, 'audio'), { recursive: true });
    await copyFile(fixture('mono.mp3'), join(repo, 'audio', 'hold.wav'));
    await writeRepo(repo, { welcome: 'audio/welcome.wav', hold: 'audio/hold.wav', vm: 'audio/hold.wav' });

    const { code, out } = await runCli(repo, ['validate', '--format', 'json']);
    expect(code).toBe(1);
    const paths = (JSON.parse(out) as { problems: Array<{ rule: string; line: number; message: string; hint?: string }> }).problems.filter((p) => p.rule === 'audio/not-mp3' || p.rule === 'audio/missing');
    expect(paths.map((p) => [p.line, p.rule, p.hint])).toEqual([
      [LINES.welcome, 'audio/missing', 'custom files are .mp3 files in the repository'],
      [LINES.hold, 'audio/not-mp3', 'convert it: callflow audio fix audio/hold.wav audio/hold.mp3'],
      [LINES.vm, 'audio/not-mp3', 'convert it: callflow audio fix audio/hold.wav audio/hold.mp3'],
    ]);
  });

  it('audio check refuses a FIFO or a directory named on the command line', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.mp3')]);
    await mkdir(join(dir, 'x.mp3'));
    const { code, out } = await runCli(dir, ['audio', 'check', 'pipe.mp3', 'x.mp3', 'nope.mp3', '--format', 'json']);
    expect(code).toBe(1);
    const files = (JSON.parse(out) as { files: Array<{ file: string; verdict: string; problems: Array<{ rule: string; message: string }> }> }).files;
    expect(files.map((f) => [f.file, f.verdict, f.problems[0]!.rule])).toEqual([
      ['pipe.mp3', 'error', 'audio/not-a-file'],
      ['x.mp3', 'error', 'audio/not-a-file'],
      ['nope.mp3', 'error', 'audio/missing'],
    ]);
  });

  it('an ffprobe that hangs is killed at the timeout and the file reported unreadable (and not cached)', async () => {
    // A stand-in for a file that makes ffprobe spin: the process never answers, and its child holds the pipes.
    const hanging = join(dir, 'ffprobe');
    await writeFile(hanging, '#!/bin/sh\nsleep 30\n');
    await chmod(hanging, 0o755);
    const cache = { stored: 0, get: async () => undefined, set: async () => void cache.stored++ };
    const inspector = createAudioInspector({ ffprobe: hanging, cache, timeoutMs: 300 });
    const { facts } = await inspector.inspect({ absolutePath: fixture('mono.mp3'), size: 25279 });
    const findings = judgeAudio({ path: 'audio/a.mp3', facts });
    expect(findings.map((f) => f.rule)).toEqual(['audio/unreadable']);
    expect(findings[0]!.message).toMatch(/did not finish within 0\.3 s/);
    expect(cache.stored).toBe(0);

    await writeRepo(dir, { welcome: 'audio/a.mp3', hold: 'audio/a.mp3', vm: 'audio/a.mp3' }, { 'audio/a.mp3': fixture('mono.mp3') });
    const { problems } = await validateRepo({ root: dir }, [audioContentCheck({ ffprobe: hanging, timeoutMs: 300, cache: noProbeCache })]);
    expect(problems.filter((p) => p.rule === 'audio/unreadable').map((p) => p.line)).toEqual([LINES.welcome, LINES.hold, LINES.vm]);
  });

  it('a file named like an ffprobe option or protocol is read as a plain file', async () => {
    await copyFile(fixture('mono.mp3'), join(dir, '-i.mp3'));
    await copyFile(fixture('mono.mp3'), join(dir, 'concat:x.mp3'));
    const { code, out } = await runCli(dir, ['audio', 'check', '--format', 'json', '--', '-i.mp3', 'concat:x.mp3']);
    expect(JSON.parse(out).files.map((f: { verdict: string }) => f.verdict)).toEqual(['ok', 'ok']);
    expect(code).toBe(0);
  });
});
