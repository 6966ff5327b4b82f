import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { speakToWav } from '../../src/audio/speak.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

/** Peak of 16-bit PCM after the WAV header: speech is loud, silence is 0. */
function peak(wav: Buffer): number {
  const data = wav.indexOf('data', 12, 'latin1');
  let max = 0;
  for (let i = data + 8; i + 1 < wav.length; i += 2) max = Math.max(max, Math.abs(wav.readInt16LE(i)));
  return max;
}

describe('text-to-speech without the espeak-ng binary', () => {
  it('speaks with the WebAssembly build: a mono 22,050 Hz WAV of audible speech, as long every time', async () => {
    const first = await speakToWav('Bonjour, vous êtes bien chez Acme.', 'fr+f3', join(dir, 'a.wav'));
    expect(first).toEqual({ ok: true, engine: 'espeak-ng (WebAssembly)' });
    const wav = await readFile(join(dir, 'a.wav'));
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(1); // channels
    expect(wav.readUInt32LE(24)).toBe(22_050);
    expect(wav.length).toBeGreaterThan(22_050); // more than half a second of 16-bit speech
    expect(peak(wav)).toBeGreaterThan(1_000);

    // A missing binary falls back to the same engine. Not byte for byte: about one run in six,
    // two renderings differ by a few units in some samples (same length, same speech).
    await speakToWav('Bonjour, vous êtes bien chez Acme.', 'fr+f3', join(dir, 'b.wav'), { binary: join(dir, 'no-such-espeak-ng') });
    const again = await readFile(join(dir, 'b.wav'));
    expect(again.subarray(0, 44).equals(wav.subarray(0, 44))).toBe(true); // same header: format and length
    expect(again.length).toBe(wav.length);
    expect(peak(again)).toBeGreaterThan(1_000);
  });
});
