import { formatSeconds } from './duration.js';
import { readableMp3, type AudioRule } from './rule.js';

/** An interrupted copy or upload keeps the header's length but loses the end of the audio. */
export const truncated: AudioRule = ({ facts }) => {
  const probe = readableMp3(facts);
  if (!probe || probe.packetSeconds === undefined || probe.durationSeconds === undefined) return [];
  const missing = probe.durationSeconds - probe.packetSeconds;
  if (missing <= 0.5 || probe.packetSeconds >= probe.durationSeconds * 0.9) return [];
  return [
    {
      severity: 'error',
      rule: 'audio/truncated',
      message: `is cut short: its frames hold ${formatSeconds(probe.packetSeconds)} of the ${formatSeconds(probe.durationSeconds)} its header declares`,
      hint: 'copy or export the file again',
    },
  ];
};
