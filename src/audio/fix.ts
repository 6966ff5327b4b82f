import { copyFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { AudioFacts } from './facts.js';
import { RECOMMENDED } from './limits.js';
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
  /** Default: the platform's ceiling, 16 kbps. */
  bitrateKbps?: number;
  timeoutMs?: number;
}

export type FixResult =
  | {
      ok: true;
      output: string;
      facts: AudioFacts;
      findings: AudioFinding[];
      /** IN's bytes were kept: it already met every rule and re-encoding would not have made it smaller. */
      keptInput: boolean;
      /** Set when OUT is bigger than IN: IN failed these rules, so its bytes could not be kept. */
      grewBecause?: string[];
    }
  | { ok: false; message: string; findings?: AudioFinding[] };

/** Rates libmp3lame writes up to the platform's 16 kHz; we pick the highest not above the source (no pointless upsampling). */
const MP3_RATES = [8_000, 11_025, 12_000, 16_000] as const;
const DEFAULT_KBPS = RECOMMENDED.bitRate.max / 1000;
const DEFAULT_FIX_TIMEOUT_MS = 5 * 60_000;

/**
 * Convert anything ffmpeg reads into a clean mono MP3 at the platform's parameters (≤ 16 kHz,
 * 16 kbps): first audio stream only, no metadata, no picture, no ID3 tag. Written beside OUT and
 * renamed into place only once it passes every rule, and only when it is smaller than IN or IN
 * itself fails a rule.
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
  const kbps = options.bitrateKbps ?? DEFAULT_KBPS;

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
    if (written.size >= inputInfo.size) {
      // "Never makes a file bigger": a file that already meets every rule keeps its bytes.
      const inputFindings = judgeAudio({ path: input, facts: source.facts });
      if (!inputFindings.length) {
        if (!(await sameFile(input, output))) await copyFile(input, output);
        return { ok: true, output, facts: source.facts, findings: [], keptInput: true };
      }
      await rename(temp, output);
      return { ok: true, output, facts: result.facts, findings, keptInput: false, grewBecause: inputFindings.map((f) => f.rule) };
    }
    await rename(temp, output);
    return { ok: true, output, facts: result.facts, findings, keptInput: false };
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
  if (source === undefined) return RECOMMENDED.sampleRate.max;
  return [...MP3_RATES].reverse().find((rate) => rate <= source) ?? 8_000;
}

function lastLine(stderr: string): string {
  return stderr.trim().split('\n').at(-1)?.replace(/^file:.*?: /, '') ?? 'unknown error';
}

