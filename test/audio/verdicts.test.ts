import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noProbeCache } from '../../src/audio/cache.js';
import { createAudioInspector } from '../../src/audio/inspect.js';
import { judgeAudio, verdictOf, type AudioFinding } from '../../src/audio/rules/index.js';
import { findFfprobe } from '../../src/audio/tools.js';
import type { AudioUse } from '../../src/model/audio-refs.js';
import { fixture, makeOversizedMp3, tempDir } from './helpers.js';

let ffprobe: string;
beforeAll(async () => {
  ffprobe = (await findFfprobe())!.path;
});

async function judge(path: string, use?: AudioUse): Promise<AudioFinding[]> {
  const inspector = createAudioInspector({ ffprobe, cache: noProbeCache });
  const { facts } = await inspector.inspect({ absolutePath: path, size: (await stat(path)).size });
  return judgeAudio({ path, facts, use });
}

const rules = (findings: AudioFinding[]) => findings.map((f) => `${f.severity} ${f.rule}`).sort();

describe('each fixture made by a real encoder gets the verdict a user expects', () => {
  it.each(['mono.mp3', 'mono-8k.mp3'])('%s, a clean mono MP3 at 16 kHz / 16 kbps or lower, passes', async (name) => {
    expect(await judge(fixture(name), 'message')).toEqual([]);
  });

  it('a mono MP3 above 16 kHz and 16 kbps is a format warning naming both, with the fix hint', async () => {
    const findings = await judge(fixture('mono-44k.mp3'), 'message');
    expect(rules(findings)).toEqual(['warning audio/format']);
    expect(findings[0]!.message).toBe('is 44100 Hz, 64 kbps; the platform asks for mono, 16 kHz or lower, 16 kbps or lower');
    expect(findings[0]!.hint).toContain('callflow audio fix');
  });

  it('a stereo MP3 is a format warning, not an error', async () => {
    const findings = await judge(fixture('stereo-44k.mp3'), 'message');
    expect(rules(findings)).toEqual(['warning audio/format']);
    expect(findings[0]!.message).toContain('2 channels');
    expect(verdictOf(findings)).toBe('warning');
  });

  it('AAC in MP4 renamed .mp3 is named for what it is, and its iTunes tags are flagged', async () => {
    const findings = await judge(fixture('apple-aac.mp3'));
    expect(rules(findings)).toEqual(['error audio/apple-metadata', 'error audio/container']);
    expect(findings.find((f) => f.rule === 'audio/container')!.message).toMatch(/MP4\/M4A file with AAC audio/);
    const apple = findings.find((f) => f.rule === 'audio/apple-metadata')!;
    expect(apple.message).toContain('iTunSMPB');
    expect(apple.message).toContain('com.apple.*');
    expect(apple.hint).toContain('callflow audio fix');
  });

  it('a real MP3 with iTunSMPB / iTunNORM tags is an Apple-metadata error with the fix hint', async () => {
    const findings = await judge(fixture('itunes-tags.mp3'));
    expect(rules(findings)).toEqual(['error audio/apple-metadata']);
    expect(findings[0]!.message).toMatch(/iTunNORM.*iTunSMPB/);
    expect(findings[0]!.hint).toMatch(/callflow audio fix .* --in-place/);
  });

  it('embedded cover art is an error', async () => {
    const findings = await judge(fixture('cover-art.mp3'));
    expect(rules(findings)).toEqual(['error audio/cover-art']);
    expect(findings[0]!.hint).toContain('callflow audio fix');
  });

  it('a 100 KB ID3 tag is an error, and the tag does not skew the bitrate', async () => {
    const findings = await judge(fixture('id3-100k.mp3'));
    expect(rules(findings)).toEqual(['error audio/id3-too-large']);
    expect(findings[0]!.message).toContain('100 KB ID3 tag');
  });

  it('a WAV renamed .mp3 is an error naming WAV', async () => {
    const findings = await judge(fixture('wav-renamed.mp3'));
    expect(rules(findings)).toEqual(['error audio/container']);
    expect(findings[0]!.message).toMatch(/really a WAV file with PCM audio/);
  });

  it('an Ogg file renamed .mp3 is an error naming Ogg Vorbis', async () => {
    const findings = await judge(fixture('ogg-renamed.mp3'));
    expect(rules(findings)).toEqual(['error audio/container']);
    expect(findings[0]!.message).toMatch(/Ogg file with Vorbis audio/);
  });

  it('garbage is an error saying it is not audio', async () => {
    const findings = await judge(fixture('garbage.mp3'));
    expect(rules(findings)).toEqual(['error audio/container']);
    expect(findings[0]!.message).toMatch(/is not audio/);
  });

  it('a 0-byte file is unreadable', async () => {
    const findings = await judge(fixture('empty.mp3'));
    expect(rules(findings)).toEqual(['error audio/unreadable']);
    expect(findings[0]!.message).toContain('empty');
  });

  it('a truncated MP3 is caught although its header still declares the full length', async () => {
    const findings = await judge(fixture('truncated.mp3'));
    expect(rules(findings)).toEqual(['error audio/truncated']);
    expect(findings[0]!.message).toMatch(/2\.1 s of the 4\.2 s/);
  });

  describe('a file over 9.57 MB (made at test time)', () => {
    let dir: { dir: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      dir = await tempDir();
    });
    afterAll(() => dir.cleanup());

    it('is too large, though it is otherwise a clean MP3', async () => {
      const big = join(dir.dir, 'big.mp3');
      makeOversizedMp3(big);
      const size = (await stat(big)).size;
      // Under 10 MiB, over the current article's 9.57 MB: the stricter reading wins.
      expect(size).toBeGreaterThanOrEqual(9_570_000);
      expect(size).toBeLessThan(10 * 1024 * 1024);
      const findings = await judge(big, 'waiting-music');
      expect(rules(findings)).toEqual(['error audio/too-large']);
      expect(findings[0]!.message).toContain('under 9.57 MB (9570000 bytes)');
    });
  });

  describe('duration is judged by how the file is played', () => {
    it('4 s of speech is fine as a message but too short for hold music', async () => {
      expect(await judge(fixture('mono.mp3'), 'message')).toEqual([]);
      const hold = await judge(fixture('mono.mp3'), 'waiting-music');
      expect(rules(hold)).toEqual(['warning audio/duration']);
      expect(hold[0]!.message).toMatch(/hold music under 5 s/);
    });
  });
});
