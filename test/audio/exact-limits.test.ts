/**
 * Audio limits probed exactly at the limit and one step past it (real encoder output, padded
 * or tagged to the byte), so a `<` written for `<=` (or the other way round) fails here.
 */
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noProbeCache } from '../../src/audio/cache.js';
import { createAudioInspector } from '../../src/audio/inspect.js';
import { MAX_AUDIO_BYTES, MAX_ID3_BYTES } from '../../src/audio/limits.js';
import { judgeAudio, type AudioFinding } from '../../src/audio/rules/index.js';
import { id3v2Size } from '../../src/audio/sniff.js';
import { findFfprobe } from '../../src/audio/tools.js';
import type { AudioUse } from '../../src/model/audio-refs.js';
import { fixture, tempDir } from './helpers.js';

let ffprobe: string;
let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ffprobe = (await findFfprobe())!.path;
  work = await tempDir();
});
afterAll(() => work.cleanup());

async function rulesOf(path: string, use: AudioUse = 'message'): Promise<string[]> {
  const inspector = createAudioInspector({ ffprobe, cache: noProbeCache });
  const { facts } = await inspector.inspect({ absolutePath: path, size: (await stat(path)).size });
  return judgeAudio({ path, facts, use }).map((f: AudioFinding) => `${f.severity} ${f.rule}`);
}

/** The audio frames of a clean fixture, without its own ID3 tag. */
async function bareAudio(): Promise<Buffer> {
  const bytes = await readFile(fixture('mono.mp3'));
  return bytes.subarray(id3v2Size(bytes.subarray(0, 10)));
}

describe('"under 10 MB" (binary megabytes)', () => {
  const padded = async (size: number) => {
    const audio = await bareAudio();
    const path = join(work.dir, `size-${size}.mp3`);
    await writeFile(path, Buffer.concat([audio, Buffer.alloc(size - audio.length)]));
    expect((await stat(path)).size).toBe(size);
    return path;
  };

  it(`accepts ${MAX_AUDIO_BYTES - 1} bytes`, async () => {
    expect(await rulesOf(await padded(MAX_AUDIO_BYTES - 1))).not.toContain('error audio/too-large');
  });

  it(`refuses exactly ${MAX_AUDIO_BYTES} bytes (10 MiB is not under 10 MB)`, async () => {
    expect(await rulesOf(await padded(MAX_AUDIO_BYTES))).toContain('error audio/too-large');
  });
});

describe('a welcome over 60 s is a warning', () => {
  // 48 kHz MPEG-1 frames hold 1,152 samples (24 ms): 2,500 frames are exactly 60.000 s.
  const tone = (frames: number) => {
    const path = join(work.dir, `tone-${frames}.mp3`);
    execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000:duration=62', '-ac', '1', '-b:a', '32k', '-frames:a', String(frames), path]);
    return path;
  };

  // 48 kHz is above Aircall's 16 kHz (an audio/format warning of its own): only the duration rule is looked at here.
  const durationRules = async (path: string) => (await rulesOf(path)).filter((rule) => rule.endsWith('audio/duration'));

  it('exactly 60.000 s passes', async () => {
    expect(await durationRules(tone(2500))).toEqual([]);
  });

  it('60.024 s warns', async () => {
    expect(await durationRules(tone(2501))).toEqual(['warning audio/duration']);
  });
});

describe(`an ID3 tag of at most ${MAX_ID3_BYTES / 1024} KB`, () => {
  /** An ID3v2.3 tag of `total` bytes (header + padding), then real audio frames. */
  const tagged = async (total: number) => {
    const body = total - 10;
    const header = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, (body >> 21) & 0x7f, (body >> 14) & 0x7f, (body >> 7) & 0x7f, body & 0x7f]);
    const path = join(work.dir, `id3-${total}.mp3`);
    await writeFile(path, Buffer.concat([header, Buffer.alloc(body), await bareAudio()]));
    expect(id3v2Size((await readFile(path)).subarray(0, 10))).toBe(total);
    return path;
  };

  it(`accepts a tag of exactly ${MAX_ID3_BYTES} bytes`, async () => {
    expect(await rulesOf(await tagged(MAX_ID3_BYTES))).toEqual([]);
  });

  it(`refuses ${MAX_ID3_BYTES + 1} bytes`, async () => {
    expect(await rulesOf(await tagged(MAX_ID3_BYTES + 1))).toEqual(['error audio/id3-too-large']);
  });
});
