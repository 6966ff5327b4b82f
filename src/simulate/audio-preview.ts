/**
 * The one part of simulate that does I/O (an adapter at the edge, used by `simulate --audio`):
 * render a simulated call into one WAV a reviewer can listen to. TTS is read by espeak-ng (the
 * binary when installed, its WebAssembly build otherwise), mp3 files are decoded by ffmpeg,
 * silences and key tones stand for the caller.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { speakToWav, type SpeechEngine } from '../audio/speak.js';
import type { Heard, SimEvent, Simulation } from './events.js';

const RATE = 16_000;
/** Waiting music is clipped so a preview stays short; the transcript gives the real duration. */
const MAX_WAIT_SECONDS = 6;

const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], '4': [770, 1209], '5': [770, 1336], '6': [770, 1477],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], '*': [941, 1209], '0': [941, 1336], '#': [941, 1477],
};

export interface PreviewResult {
  /** The call as one WAV file (16 kHz mono PCM), for the caller to write where the user asked. */
  wav: Buffer;
  seconds: number;
  /** What could not be rendered faithfully (no speech engine, missing file…). */
  notes: string[];
  /** Which engine spoke the TTS, when there was some. */
  speech?: SpeechEngine;
}

export interface PreviewOptions {
  root: string;
  /** The ffmpeg binary that decodes, generates and joins the parts. */
  ffmpeg: string;
  /** The espeak-ng binary, when installed; its WebAssembly build speaks otherwise. */
  espeak?: string | undefined;
}

/** ffmpeg could not make the preview: the message says why in one line, without the tool's full output. */
export class PreviewError extends Error {}

type Generated = { kind: 'args'; args: string[]; seconds: number };
type Segment = Generated | { kind: 'tts'; heard: Heard } | { kind: 'file'; path: string; maxSeconds?: number };


function exec(command: string, args: string[]): Promise<{ code: number; stderr: string; spawnError?: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => done({ code: -1, stderr: '', spawnError: error.message }));
    child.on('close', (code) => done({ code: code ?? -1, stderr }));
  });
}

const lavfi = (expr: string, seconds: number): Generated => ({
  kind: 'args',
  // Commas separate filters in a filtergraph, so the expression's own commas are escaped.
  args: ['-f', 'lavfi', '-i', `aevalsrc=${expr.replaceAll(',', '\\,')}:s=${RATE}:d=${seconds}`],
  seconds,
});
const silence = (seconds: number) => lavfi('0', seconds);
const tones = (keys: string): Segment[] =>
  [...keys].flatMap((key) => {
    const [low, high] = DTMF[key] ?? [0, 0];
    return [lavfi(`0.3*sin(2*PI*${low}*t)+0.3*sin(2*PI*${high}*t)`, 0.15), silence(0.1)];
  });
/** European-style ringback: 1.5 s of 425 Hz, 3.5 s of silence… clipped. */
const ringback = (seconds: number) => lavfi(`if(lt(mod(t,5),1.5),0.3*sin(2*PI*425*t),0)`, seconds);

function segmentsOf(events: readonly SimEvent[]): Segment[] {
  const out: Segment[] = [];
  for (const event of events) {
    if (event.kind === 'play') out.push(event.heard.tts !== undefined ? { kind: 'tts', heard: event.heard } : { kind: 'file', path: event.heard.file! });
    else if (event.kind === 'input') out.push(...(event.keys === undefined ? [silence(event.timeoutSeconds)] : tones(event.keys)));
    else if (event.kind === 'waiting') {
      const rang = events.find((e) => (e.kind === 'answered' || e.kind === 'unanswered') && e.step === event.step);
      const seconds = Math.min(MAX_WAIT_SECONDS, rang && 'afterSeconds' in rang ? Math.max(rang.afterSeconds, 1) : MAX_WAIT_SECONDS);
      out.push(event.file ? { kind: 'file', path: event.file, maxSeconds: seconds } : ringback(seconds));
    } else if (event.kind === 'voicemail') out.push(lavfi('0.3*sin(2*PI*1000*t)', 0.4));
    if (event.kind === 'play' || event.kind === 'waiting') out.push(silence(0.3));
  }
  return out;
}

/** espeak-ng voices are lower-case language tags; "+f3" is a female variant. */
function espeakVoice(heard: Heard): string {
  const language = (heard.language ?? 'en').toLowerCase();
  const voice = language.startsWith('en') || language.startsWith('pt') ? language : language.split('-')[0]!;
  return heard.voice === 'female' ? `${voice}+f3` : voice;
}

export async function renderCallAudio(simulation: Simulation, options: PreviewOptions): Promise<PreviewResult> {
  const { ffmpeg } = options;
  const dir = await mkdtemp(join(tmpdir(), 'callflow-preview-'));
  const notes: string[] = [];
  let speech: SpeechEngine | undefined;
  try {
    const parts: Buffer[] = [];
    for (const [i, segment] of segmentsOf(simulation.events).entries()) {
      const part = join(dir, `${String(i).padStart(4, '0')}.wav`);
      const normalise = ['-ar', String(RATE), '-ac', '1', '-c:a', 'pcm_s16le', '-y', part];
      if (segment.kind === 'args') {
        await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', ...segment.args, ...normalise]);
      } else if (segment.kind === 'file') {
        const clip = segment.maxSeconds ? ['-t', String(segment.maxSeconds)] : [];
        const run = await exec(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', resolve(options.root, segment.path), ...clip, ...normalise]);
        if (run.code !== 0) {
          notes.push(`${segment.path} could not be decoded; replaced by 1 s of silence`);
          await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', ...silence(1).args, ...normalise]);
        }
      } else {
        const raw = join(dir, `${i}-tts.wav`);
        const spoken = await speakToWav(segment.heard.tts!, espeakVoice(segment.heard), raw, { binary: options.espeak });
        if (spoken.ok) speech = spoken.engine;
        if (spoken.ok) await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', raw, ...normalise]);
        else {
          const note = `${spoken.message}: TTS messages are replaced by silence`;
          if (!notes.includes(note)) notes.push(note);
          await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', ...silence(1).args, ...normalise]);
        }
      }
      parts.push(pcmOf(await readFile(part)));
    }
    // Every part is the same PCM, so joining is appending. Not ffmpeg's concat list: its lines
    // carry paths, and a temporary directory with a quote or a line break in its name broke them.
    const wav = pcmWav(Buffer.concat(parts));
    return { wav, seconds: durationOf(wav), notes, ...(speech ? { speech } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function mustRun(command: string, args: string[]): Promise<void> {
  const run = await exec(command, args);
  if (run.spawnError !== undefined) throw new PreviewError(`ffmpeg could not be started (${run.spawnError})`);
  if (run.code !== 0) throw new PreviewError(`ffmpeg failed: ${firstMeaningfulLine(run.stderr) ?? `exit code ${run.code}`}`);
}

const MAX_REASON_LENGTH = 200;

/** ffmpeg's first complaint, without the "[wav @ 0x55d…]" prefix, control characters or the lines that repeat it. */
function firstMeaningfulLine(stderr: string): string | undefined {
  for (const raw of stderr.split(/\r?\n|\r/)) {
    const line = raw.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/i, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
    if (line) return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
  }
  return undefined;
}

/** The samples of a WAV part ffmpeg wrote: its `data` chunk, found by walking the chunks (ffmpeg may add a LIST chunk first). */
function pcmOf(wav: Buffer): Buffer {
  for (let at = 12; at + 8 <= wav.length; ) {
    const size = wav.readUInt32LE(at + 4);
    if (wav.toString('latin1', at, at + 4) === 'data') return wav.subarray(at + 8, Math.min(wav.length, at + 8 + size));
    at += 8 + size + (size % 2);
  }
  throw new PreviewError('ffmpeg wrote a WAV part with no audio data');
}

/** 16 kHz mono 16-bit PCM as a WAV file. */
function pcmWav(pcm: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

function durationOf(wav: Buffer): number {
  return pcmOf(wav).length / (RATE * 2);
}
