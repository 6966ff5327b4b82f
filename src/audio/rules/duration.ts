import type { AudioUse } from '../../model/audio-refs.js';
import { DURATION_BY_USE } from '../limits.js';
import { readableMp3, type AudioRule } from './rule.js';

/** Duration must be > 0, and sensible for how the file is played (a 3-minute welcome loses callers). */
export const duration: AudioRule = ({ facts, use }) => {
  const probe = readableMp3(facts);
  if (!probe) return [];
  const seconds = probe.packetSeconds ?? probe.durationSeconds;
  if (seconds === undefined || !(seconds > 0)) {
    return [{ severity: 'error', rule: 'audio/duration', message: 'has no playable audio (duration 0 s)', hint: 'export the recording again' }];
  }
  const range = use ? DURATION_BY_USE[use] : undefined;
  if (range?.maxSeconds !== undefined && seconds > range.maxSeconds) {
    return [{ severity: 'warning', rule: 'audio/duration', message: `lasts ${formatSeconds(seconds)}; a ${USE_NAMES[use!]} over ${range.maxSeconds} s makes callers wait or hang up` }];
  }
  if (range?.minSeconds !== undefined && seconds < range.minSeconds) {
    return [{ severity: 'warning', rule: 'audio/duration', message: `lasts ${formatSeconds(seconds)}; ${USE_NAMES[use!]} under ${range.minSeconds} s loops audibly` }];
  }
  return [];
};

export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

const USE_NAMES: Record<AudioUse, string> = {
  message: 'message',
  prompt: 'menu prompt',
  voicemail: 'voicemail greeting',
  'shared-message': 'shared message',
  'waiting-music': 'hold music',
};
