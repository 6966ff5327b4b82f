import type { AudioUse } from '../model/audio-refs.js';

/** "under 10 MB": the platform counts binary megabytes. */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

/** Bigger files fail the 10 MB rule anyway: they are neither hashed nor probed (reading gigabytes helps nobody). */
export const MAX_INSPECTED_BYTES = 64 * 1024 * 1024;

/** Bigger ID3 tags (lyrics, art, tool junk) are rejected by the platform's uploader. */
export const MAX_ID3_BYTES = 64 * 1024;

/** The platform's recommendations: below or above these, playback quality or acceptance suffers. */
export const RECOMMENDED = {
  channels: 1,
  sampleRate: { min: 8_000, max: 48_000 },
  bitRate: { min: 32_000, max: 320_000 },
} as const;

/** A length that makes sense for each use; outside it is a warning, not an error. */
export const DURATION_BY_USE: Record<AudioUse, { minSeconds?: number; maxSeconds?: number }> = {
  message: { maxSeconds: 60 },
  prompt: { maxSeconds: 60 },
  voicemail: { maxSeconds: 60 },
  'shared-message': { maxSeconds: 60 },
  // Hold music loops; a 2-second loop is a stutter, not music.
  'waiting-music': { minSeconds: 5 },
};
