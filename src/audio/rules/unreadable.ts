import { fixHint, type AudioRule } from './rule.js';

/** Files we could not judge at all: empty, ffprobe hung on them, or a header that breaks its own format. */
export const unreadable: AudioRule = ({ path, facts }) => {
  if (facts.id3v2Problem) return [{ severity: 'error', rule: 'audio/unreadable', message: `has ${facts.id3v2Problem}`, hint: fixHint(path) }];
  if (facts.size === 0) return [{ severity: 'error', rule: 'audio/unreadable', message: 'is empty (0 bytes)', hint: 'export the recording again' }];
  if (!facts.probe.ok && facts.probe.reason === 'timeout') {
    return [{ severity: 'error', rule: 'audio/unreadable', message: `could not be inspected: ${facts.probe.error}`, hint: 'check the file plays; re-export or convert it with callflow audio fix' }];
  }
  return [];
};
