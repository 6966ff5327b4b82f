import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, fixture, runCli, tempDir, writeRepo } from './helpers.js';

const EXAMPLE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('callflow audio check', () => {
  it('prints a table of the files named, with a verdict each, and exits 1 on errors', async () => {
    const { code, out } = await runCli(FIXTURES, ['audio', 'check', 'mono.mp3', 'stereo-44k.mp3', 'apple-aac.mp3', '--root', dir]);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^file\s+format\s+codec\s+duration\s+rate\s+ch\s+bitrate\s+size\s+verdict$/);
    expect(lines[2]).toMatch(/^mono\.mp3\s+mp3\s+mp3\s+4\.2 s\s+16000 Hz\s+1\s+16 kbps\s+8\.4 KB\s+ok$/);
    expect(lines[3]).toMatch(/^stereo-44k\.mp3\s+mp3\s+mp3\s+.*\s+2\s+.*warning$/);
    expect(lines[4]).toMatch(/^apple-aac\.mp3\s+mp4\s+aac\s+.*error$/);
    expect(out).toContain('error audio/container: "apple-aac.mp3" is really an MP4/M4A file with AAC audio, not MP3');
  });

  it('exits 0 when there are only warnings', async () => {
    expect((await runCli(FIXTURES, ['audio', 'check', 'stereo-44k.mp3', '--root', dir])).code).toBe(0);
  });

  it('with no FILES checks every file the config references, judged by its use', async () => {
    await writeRepo(dir, { welcome: 'audio/w.mp3', hold: 'audio/w.mp3', vm: 'audio/missing.mp3' }, { 'audio/w.mp3': fixture('mono.mp3') });
    const { code, out } = await runCli(dir, ['audio', 'check', '--format', 'json']);
    expect(code).toBe(1);
    const files = JSON.parse(out).files as Array<{ file: string; verdict: string; sha256: string | null; problems: Array<{ rule: string }> }>;
    expect(files.map((f) => [f.file, f.verdict, f.problems.map((p) => p.rule)])).toEqual([
      ['audio/missing.mp3', 'error', ['audio/missing']],
      ['audio/w.mp3', 'warning', ['audio/duration']], // fine as a message, short as hold music
    ]);
    expect(files[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes the example repo', async () => {
    const { code, out } = await runCli(EXAMPLE_ROOT, ['audio', 'check', '--no-cache']);
    expect(code).toBe(0);
    expect(out.match(/ ok$/gm)).toHaveLength(5);
  });

  it('says what it takes when misused', async () => {
    const { code, err } = await runCli(dir, ['audio', 'convert']);
    expect(code).toBe(1);
    expect(err).toContain('unknown subcommand "convert"');
  });
});
