import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function checkJson(file: string) {
  const { code, out } = await runCli(dir, ['audio', 'check', file, '--format', 'json', '--no-cache']);
  return { code, file: (JSON.parse(out) as { files: Array<Record<string, unknown> & { problems: unknown[] }> }).files[0]! };
}

describe('callflow audio fix', () => {
  it.each(['apple-aac.mp3', 'itunes-tags.mp3', 'cover-art.mp3', 'id3-100k.mp3', 'stereo-44k.mp3', 'mono-44k.mp3', 'wav-renamed.mp3', 'ogg-renamed.mp3'])(
    'turns %s into a clean mono MP3 at the platform\'s parameters that passes every rule',
    async (name) => {
      const { code, out } = await runCli(dir, ['audio', 'fix', fixture(name), 'clean.mp3']);
      expect(code).toBe(0);
      expect(out).toMatch(/^wrote clean\.mp3 \(mono MP3/);
      const checked = await checkJson('clean.mp3');
      expect(checked.code).toBe(0);
      expect(checked.file).toMatchObject({ verdict: 'ok', format: 'mp3', codec: 'mp3', channels: 1, problems: [] });
      expect(checked.file['durationSeconds']).toBeGreaterThan(0.5);
      expect(checked.file['sampleRate']).toBeLessThanOrEqual(16_000);
      expect(checked.file['bitRate']).toBeLessThanOrEqual(16_000);
      // No ID3 tag at all: nothing for the platform to object to.
      expect((await readFile(join(dir, 'clean.mp3'))).subarray(0, 3).toString('latin1')).not.toBe('ID3');
    },
  );

  it('never overwrites IN when OUT is the same file, unless --in-place', async () => {
    await copyFile(fixture('cover-art.mp3'), join(dir, 'song.mp3'));
    const before = await readFile(join(dir, 'song.mp3'));
    const refused = await runCli(dir, ['audio', 'fix', 'song.mp3', './song.mp3']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--in-place');
    expect(await readFile(join(dir, 'song.mp3'))).toEqual(before);

    const fixed = await runCli(dir, ['audio', 'fix', 'song.mp3', 'song.mp3', '--in-place']);
    expect(fixed.code).toBe(0);
    expect((await checkJson('song.mp3')).file['verdict']).toBe('ok');
  });

  it('fails with exit 1 on input ffmpeg cannot read, and leaves no file behind', async () => {
    const { code, err } = await runCli(dir, ['audio', 'fix', fixture('garbage.mp3'), 'out.mp3']);
    expect(code).toBe(1);
    expect(err).toMatch(/ffmpeg could not convert/);
    expect(await stat(join(dir, 'out.mp3')).catch(() => undefined)).toBeUndefined();
  });

  it('writes 16 kHz, 16 kbps from a 44.1 kHz source, and a smaller file', async () => {
    const { code } = await runCli(dir, ['audio', 'fix', fixture('mono-44k.mp3'), 'out.mp3']);
    expect(code).toBe(0);
    expect((await checkJson('out.mp3')).file).toMatchObject({ sampleRate: 16_000, bitRate: 16_000, channels: 1 });
    expect((await stat(join(dir, 'out.mp3'))).size).toBeLessThan((await stat(fixture('mono-44k.mp3'))).size);
  });

  it('never makes a file bigger: a file that already passes keeps its bytes, and says so', async () => {
    // 8 kHz at 8 kbps: re-encoding at 16 kbps would double it.
    const { code, out } = await runCli(dir, ['audio', 'fix', fixture('mono-8k.mp3'), 'same.mp3']);
    expect(code).toBe(0);
    expect(out).toMatch(/^kept the bytes of .*mono-8k\.mp3 in same\.mp3 .*would not make it smaller/);
    expect(await readFile(join(dir, 'same.mp3'))).toEqual(await readFile(fixture('mono-8k.mp3')));

    await copyFile(fixture('mono-8k.mp3'), join(dir, 'in-place.mp3'));
    const inPlace = await runCli(dir, ['audio', 'fix', 'in-place.mp3', 'in-place.mp3', '--in-place']);
    expect(inPlace.code).toBe(0);
    expect(inPlace.out).toContain('kept the bytes of in-place.mp3');
    expect(await readFile(join(dir, 'in-place.mp3'))).toEqual(await readFile(fixture('mono-8k.mp3')));
  });

  it('honours --bitrate and rejects one above the platform\'s 16 kbps', async () => {
    const ok = await runCli(dir, ['audio', 'fix', fixture('mono-44k.mp3'), 'low.mp3', '--bitrate', '8']);
    expect(ok.code).toBe(0);
    expect((await checkJson('low.mp3')).file['bitRate']).toBe(8000);
    const bad = await runCli(dir, ['audio', 'fix', fixture('mono-44k.mp3'), 'x.mp3', '--bitrate', '32']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--bitrate is in kbps, 8 to 16');
  });
});
