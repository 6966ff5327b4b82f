import { createHash } from 'node:crypto';
import type { AudioUse } from '../drift/config-from-live.js';
import type { TelephonyProvider } from '../providers/provider.js';

/** The audio live flows play, fetched from the account by content and checked against its hash; a string says why not. */
export async function fetchAudio(provider: TelephonyProvider, result: { audio: readonly AudioUse[] }): Promise<Array<{ path: string; bytes: Buffer }> | string> {
  const assets = provider.assets;
  if (result.audio.length && !assets) return `the ${provider.name} provider cannot fetch audio files`;
  const out: Array<{ path: string; bytes: Buffer }> = [];
  for (const audio of result.audio) {
    const bytes = Buffer.from(await assets!.read(audio.sha256));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== audio.sha256) return `the account served other bytes for ${audio.path} (sha256 ${actual.slice(0, 12)}…, expected ${audio.sha256.slice(0, 12)}…)`;
    out.push({ path: audio.path, bytes });
  }
  return out;
}

