import { realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { AudioFacts } from './facts.js';
import { probeAudioFile } from './probe.js';
import { judgeAudio, type AudioFinding } from './rules/index.js';
import { runTool } from './run-tool.js';

export interface FixOptions {
  ffmpeg: string;
  ffprobe: string;
  /** Replace IN when OUT is the same file; refused otherwise. */
  inPlace?: boolean;
  /** Replace an existing OUT (another file than IN); refused otherwise. */
  force?: boolean;
  /** Default: chosen from the source's sample rate (96 kbps at 44.1 kHz, less for narrowband speech). */
  bitrateKbps?: number;
  timeoutMs?: number;
}

export type FixResult =
  | { ok: true; output: string; facts: AudioFacts; findings: AudioFinding[] }
  | { ok: false; message: string; findings?: AudioFinding[] };

/** Rates libmp3lame writes; we pick the highest not above the source (no pointless upsampling). */
const MP3_RATES = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100] as const;
const DEFAULT_FIX_TIMEOUT_MS = 5 * 60_000;

/**
 * Convert anything ffmpeg reads into a clean mono MP3: first audio stream only, no metadata,
 * no picture, no ID3 tag. Written beside OUT and renamed into place only once it passes every rule.
 */
export async function fixAudio(input: string, output: string, options: FixOptions): Promise<FixResult> {
  const inputInfo = await stat(input).catch(() => undefined);
  if (!inputInfo) return { ok: false, message: `${input} does not exist` };
  if (!inputInfo.isFile()) return { ok: false, message: `${input} is not a regular file` };
  const inPlace = await sameFile(input, output);
  if (inPlace && !options.inPlace) return { ok: false, message: `OUT is the same file as IN; pass --in-place to replace ${input}` };
  const existing = await stat(output).catch(() => undefined);
  if (existing && !existing.isFile()) return { ok: false, message: `${output} exists and is not a regular file` };
  if (existing && !inPlace && !options.force) return { ok: false, message: `${output} exists; pass --force to replace it` };
  const outDir = dirname(resolve(output));
  if (!(await stat(outDir).catch(() => undefined))?.isDirectory()) return { ok: false, message: `the folder of ${output} does not exist` };

  const source = await probeAudioFile(resolve(input), inputInfo.size, { ffprobe: options.ffprobe, maxProbeBytes: Number.MAX_SAFE_INTEGER });
  const sourceRate = source.facts.probe.ok ? source.facts.probe.sampleRate : undefined;
  const rate = outputRate(sourceRate);
  const kbps = options.bitrateKbps ?? (rate >= 32_000 ? 96 : rate >= 16_000 ? 64 : 32);

  const temp = join(outDir, `.${basename(output)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp.mp3`);
  try {
    const args = [
      '-nostdin', '-hide_banner', '-v', 'error', '-y',
      '-i', `file:${resolve(input)}`,
      '-map', '0:a:0', '-vn', '-sn', '-dn',
      '-map_metadata', '-1', '-map_chapters', '-1',
      '-ac', '1', '-ar', String(rate),
      '-c:a', 'libmp3lame', '-b:a', `${kbps}k`,
      '-id3v2_version', '0', '-write_id3v1', '0',
      '-fflags', '+bitexact', '-flags:a', '+bitexact',
      '-f', 'mp3', `file:${temp}`,
    ];
    const timeoutMs = options.timeoutMs ?? DEFAULT_FIX_TIMEOUT_MS;
    const run = await runTool(options.ffmpeg, args, { timeoutMs, maxOutputBytes: 1024 * 1024 });
    if (run.spawnError) return { ok: false, message: `could not run ffmpeg (${options.ffmpeg}): ${run.spawnError}` };
    if (run.timedOut) return { ok: false, message: `ffmpeg did not finish within ${timeoutMs / 1000} s` };
    if (run.code !== 0) return { ok: false, message: `ffmpeg could not convert ${input}: ${lastLine(run.stderr)}` };

    const written = await stat(temp);
    const result = await probeAudioFile(temp, written.size, { ffprobe: options.ffprobe });
    const findings = judgeAudio({ path: output, facts: result.facts });
    if (findings.some((f) => f.severity === 'error')) return { ok: false, message: `the converted file still fails the rules`, findings };
    await rename(temp, output);
    return { ok: true, output, facts: result.facts, findings };
  } finally {
    await rm(temp, { force: true });
  }
}

/** Same path, or two names of one file (symlink, hard link): writing OUT would destroy IN. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [infoA, infoB] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  if (infoA && infoB && infoA.dev === infoB.dev && infoA.ino === infoB.ino) return true;
  const [realA, realB] = await Promise.all([realpath(a).catch(() => resolve(a)), realpath(b).catch(() => resolve(b))]);
  return realA === realB;
}

function outputRate(source: number | undefined): number {
  if (source === undefined) return 44_100;
  return [...MP3_RATES].reverse().find((rate) => rate <= source) ?? 8_000;
}

function lastLine(stderr: string): string {
  return stderr.trim().split('\n').at(-1)?.replace(/^file:.*?: /, '') ?? 'unknown error';
}

