import type { AudioUse } from '../model/audio-refs.js';

/**
 * "under 10 MB"; the platform's current article says 9.57 MB. Counted in decimal megabytes,
 * the stricter reading, so a file we pass is one the platform takes.
 */
export const MAX_AUDIO_BYTES = 9_570_000;

/** Bigger files fail the 10 MB rule anyway: they are neither hashed nor probed (reading gigabytes helps nobody). */
export const MAX_INSPECTED_BYTES = 64 * 1024 * 1024;

/** Bigger ID3 tags (lyrics, art, tool junk) are rejected by the platform's uploader. */
export const MAX_ID3_BYTES = 64 * 1024;

/**
 * The platform's requirements: "16 kbps or lower; 16 kHz or lower; mono". It transcodes
 * everything to 8 kHz mono, so below 8 kHz or 8 kbps (MP3's floor) only loses speech.
 */
export const RECOMMENDED = {
  channels: 1,
  sampleRate: { min: 8_000, max: 16_000 },
  bitRate: { min: 8_000, max: 16_000 },
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
