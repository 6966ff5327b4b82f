import type { AudioRule } from './rule.js';

/** Files we could not judge at all: empty, or ffprobe hung on them. */
export const unreadable: AudioRule = ({ facts }) => {
  if (facts.size === 0) return [{ severity: 'error', rule: 'audio/unreadable', message: 'is empty (0 bytes)', hint: 'export the recording again' }];
  if (!facts.probe.ok && facts.probe.reason === 'timeout') {
    return [{ severity: 'error', rule: 'audio/unreadable', message: `could not be inspected: ${facts.probe.error}`, hint: 'check the file plays; re-export or convert it with callflow audio fix' }];
  }
  return [];
};
