import { MAX_AUDIO_BYTES } from '../limits.js';
import type { AudioRule } from './rule.js';

/** "under 10 MB" (9.57 MB in the current article). */
export const tooLarge: AudioRule = ({ facts }) => {
  if (facts.size < MAX_AUDIO_BYTES) return [];
  const mb = (facts.size / 1_000_000).toFixed(2);
  return [
    {
      severity: 'error',
      rule: 'audio/too-large',
      message: `is ${mb} MB (${facts.size} bytes); the platform takes files under 9.57 MB (${MAX_AUDIO_BYTES} bytes)`,
      hint: 'shorten it, or re-encode it mono at 16 kbps: callflow audio fix IN OUT',
    },
  ];
};
