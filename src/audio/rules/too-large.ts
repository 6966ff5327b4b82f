import { MAX_AUDIO_BYTES } from '../limits.js';
import type { AudioRule } from './rule.js';

/** "under 10 MB". */
export const tooLarge: AudioRule = ({ facts }) => {
  if (facts.size < MAX_AUDIO_BYTES) return [];
  const mb = (facts.size / (1024 * 1024)).toFixed(1);
  return [
    {
      severity: 'error',
      rule: 'audio/too-large',
      message: `is ${mb} MB (${facts.size} bytes); the platform takes files under 10 MB (${MAX_AUDIO_BYTES} bytes)`,
      hint: 'shorten it, or re-encode at a lower bitrate: callflow audio fix IN OUT --bitrate 64',
    },
  ];
};
