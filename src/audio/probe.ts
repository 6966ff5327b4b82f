import { ffprobeJson, type FfprobeJson } from './ffprobe-json.js';
import type { AudioFacts, ProbedAudio } from './facts.js';
import { runTool } from './run-tool.js';
import { sniffFile } from './sniff.js';
import { MAX_INSPECTED_BYTES } from './limits.js';

export interface ProbeOptions {
  ffprobe: string;
  /** Per file; a FIFO or crafted file must not hang validate. */
  timeoutMs?: number;
  /** Files above this are not handed to ffprobe at all: they fail the size rule anyway. */
  maxProbeBytes?: number;
}

export interface ProbeOutcome {
  facts: AudioFacts;
  /** False when the answer depends on the moment (a timeout), not on the content. */
  cacheable: boolean;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 15_000;
const MAX_PROBE_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Inspect one regular file: sniff its bytes, then ask ffprobe (JSON, format + streams, packet count). */
export async function probeAudioFile(absolutePath: string, size: number, options: ProbeOptions): Promise<ProbeOutcome> {
  const maxBytes = options.maxProbeBytes ?? MAX_INSPECTED_BYTES;
  const skipped = size > maxBytes;
  const sniffed = skipped ? undefined : await sniffFile(absolutePath).catch((error: NodeJS.ErrnoException) => error);
  if (sniffed instanceof Error) {
    const probe = { ok: false as const, reason: 'unreadable' as const, error: `cannot read the file (${sniffed.code ?? sniffed.message})` };
    return { facts: { size, sniffed: 'unknown', id3v2Bytes: 0, appleMarkers: [], probe }, cacheable: false };
  }
  const { kind = 'unknown', id3v2Bytes = 0, appleMarkers = [], id3v2Problem } = sniffed ?? {};
  const facts = (probe: AudioFacts['probe']): AudioFacts => ({ size, sniffed: kind, id3v2Bytes, appleMarkers, ...(id3v2Problem ? { id3v2Problem } : {}), probe });

  if (skipped) return { facts: facts({ ok: false, reason: 'skipped', error: `not inspected: larger than ${maxBytes} bytes` }), cacheable: false };
  if (size === 0) return { facts: facts({ ok: false, reason: 'unreadable', error: 'the file is empty (0 bytes)' }), cacheable: true };

  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  // `file:` keeps ffprobe from reading a name like `concat:…` or `-x` as a protocol or an option.
  const args = ['-v', 'error', '-hide_banner', '-print_format', 'json', '-show_format', '-show_streams', '-count_packets', `file:${absolutePath}`];
  const result = await runTool(options.ffprobe, args, { timeoutMs, maxOutputBytes: MAX_PROBE_OUTPUT_BYTES });
  if (result.timedOut) {
    return { facts: facts({ ok: false, reason: 'timeout', error: `ffprobe did not finish within ${timeoutMs / 1000} s` }), cacheable: false };
  }
  if (result.spawnError) throw new Error(`could not run ffprobe (${options.ffprobe}): ${result.spawnError}`);
  if (result.outputTooLarge) return { facts: facts({ ok: false, reason: 'unreadable', error: 'ffprobe output was unreasonably large' }), cacheable: true };
  const parsed = result.code === 0 ? parseJson(result.stdout) : undefined;
  if (!parsed?.format?.format_name) {
    return { facts: facts({ ok: false, reason: 'unreadable', error: ffprobeError(result.stderr) }), cacheable: true };
  }
  return { facts: facts(summarise(parsed)), cacheable: true };
}

function parseJson(text: string): FfprobeJson | undefined {
  try {
    const checked = ffprobeJson.safeParse(JSON.parse(text));
    return checked.success ? checked.data : undefined;
  } catch {
    return undefined;
  }
}

/** ffprobe's last line usually says it best ("Invalid data found when processing input"); drop the path. */
function ffprobeError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? 'ffprobe could not read it';
  return last.replace(/^file:.*?: /, '').slice(0, 300);
}

function summarise(json: FfprobeJson): ProbedAudio {
  const format = json.format!;
  const audio = json.streams.filter((s) => s.codec_type === 'audio');
  const pictures = json.streams.filter((s) => s.codec_type === 'video' || s.disposition?.attached_pic === 1);
  const first = audio[0];
  const tagKeys = new Set<string>(Object.keys(format.tags ?? {}));
  for (const stream of json.streams) for (const key of Object.keys(stream.tags ?? {})) tagKeys.add(key);
  const packetSeconds = first && first.codec_name === 'mp3' ? mp3PacketSeconds(first.nb_read_packets, first.sample_rate) : undefined;
  const optional = {
    formatLongName: format.format_long_name,
    codec: first?.codec_name,
    codecLongName: first?.codec_long_name,
    durationSeconds: format.duration ?? first?.duration,
    packetSeconds,
    sampleRate: first?.sample_rate,
    channels: first?.channels,
    // The stream's rate is the encoder's; the format's is size / duration, skewed by tags and truncation.
    bitRate: first?.bit_rate ?? format.bit_rate,
  };
  return {
    ok: true,
    formatName: format.format_name!,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    audioStreams: audio.length,
    pictureStreams: pictures.length,
    tagKeys: [...tagKeys].sort(),
  };
}

/** An MP3 frame holds 1152 samples (MPEG-1, ≥ 32 kHz) or 576 (MPEG-2/2.5): packets × that = real length. */
function mp3PacketSeconds(packets: number | undefined, sampleRate: number | undefined): number | undefined {
  if (packets === undefined || !sampleRate) return undefined;
  return (packets * (sampleRate >= 32_000 ? 1152 : 576)) / sampleRate;
}
