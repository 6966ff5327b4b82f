import { RECOMMENDED } from '../limits.js';
import { fixHint, readableMp3, type AudioRule } from './rule.js';

/** Sample rate, channels and bitrate outside the platform's requirements (mono, ≤ 16 kHz, ≤ 16 kbps). */
export const format: AudioRule = ({ path, facts }) => {
  const probe = readableMp3(facts);
  if (!probe) return [];
  const off: string[] = [];
  if (probe.channels !== undefined && probe.channels !== RECOMMENDED.channels) off.push(`${probe.channels} channels`);
  const rate = probe.sampleRate;
  if (rate !== undefined && (rate < RECOMMENDED.sampleRate.min || rate > RECOMMENDED.sampleRate.max)) off.push(`${rate} Hz`);
  const bitRate = probe.bitRate;
  if (bitRate !== undefined && (bitRate < RECOMMENDED.bitRate.min * 0.95 || bitRate > RECOMMENDED.bitRate.max * 1.05)) {
    off.push(`${Math.round(bitRate / 1000)} kbps`);
  }
  if (!off.length) return [];
  return [
    {
      severity: 'warning',
      rule: 'audio/format',
      message: `is ${off.join(', ')}; the platform asks for mono, 16 kHz or lower, 16 kbps or lower`,
      hint: fixHint(path),
    },
  ];
};
