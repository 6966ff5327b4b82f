import { MAX_ID3_BYTES } from '../limits.js';
import { fixHint, type AudioRule } from './rule.js';

/** A huge ID3 tag (lyrics, images, tool junk) before the audio: the platform refuses it. */
export const id3TooLarge: AudioRule = ({ path, facts }) => {
  if (facts.id3v2Bytes <= MAX_ID3_BYTES) return [];
  return [
    {
      severity: 'error',
      rule: 'audio/id3-too-large',
      message: `has a ${Math.round(facts.id3v2Bytes / 1024)} KB ID3 tag (at most ${MAX_ID3_BYTES / 1024} KB)`,
      hint: fixHint(path),
    },
  ];
};
