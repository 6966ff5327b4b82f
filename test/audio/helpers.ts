import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'audio');
export const fixture = (name: string) => join(FIXTURES, name);

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'callflow-audio-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Real ffmpeg, real encoder: a clean mono 16 kHz / 16 kbps MP3 of about 9.9 MB (too big to commit),
 * looped from 60 s: over the platform's 9.57 MB, under 10 MiB.
 */
export function makeOversizedMp3(out: string): void {
  const chunk = `${out}.chunk.mp3`;
  const ff = (args: string[]) => execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ff(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=60', '-ac', '1', '-b:a', '16k', chunk]);
  ff(['-stream_loop', '81', '-i', chunk, '-c', 'copy', out]);
  execFileSync('rm', ['-f', chunk]);
}

/** A spoken-length MP3 of `seconds` of tone (for duration-per-use rules). */
export function makeToneMp3(out: string, seconds: number): void {
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=300:sample_rate=8000:duration=${seconds}`, '-ac', '1', '-b:a', '16k', out]);
}

export interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

export function captureIo(cwd: string): Captured {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => void (out += t.endsWith('\n') ? t : `${t}\n`), stderr: (t) => void (err += t.endsWith('\n') ? t : `${t}\n`), cwd, env: {}, isTTY: false },
    out: () => out,
    err: () => err,
  };
}

export async function runCli(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo(cwd);
  const code = await main(argv, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

/** A repo whose one number plays `welcome` as a message, `hold` as waiting music and `vm` as a voicemail greeting. */
export async function writeRepo(root: string, audio: { welcome: string; hold: string; vm: string }, copies: Record<string, string> = {}): Promise<void> {
  await mkdir(join(root, 'config', 'numbers'), { recursive: true });
  for (const [target, source] of Object.entries(copies)) {
    await mkdir(dirname(join(root, target)), { recursive: true });
    await copyFile(source, join(root, target));
  }
  await writeFile(
    join(root, 'config', 'numbers', 'support.yaml'),
    `number: "+33100000001"
name: Test line
timezone: Europe/Paris
language: fr-FR
flow:
  start: welcome
  steps:
    welcome:
      type: message
      message: { file: ${audio.welcome} }
      next: support
    support:
      type: ring
      to: { team: Support }
      ring_seconds: 30
      waiting: { title: Hold, music: { file: ${audio.hold} } }
      unanswered: vm
    vm:
      type: voicemail
      message: { file: ${audio.vm} }
      max_seconds: 120
`,
  );
}

/** Line of the YAML above where each step's `file:` sits. */
export const LINES = { welcome: 10, hold: 16, vm: 20 } as const;
