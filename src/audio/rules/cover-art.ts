import { fixHint, type AudioRule } from './rule.js';

/** Embedded cover art (an attached picture) makes the platform reject the upload. */
export const coverArt: AudioRule = ({ path, facts }) => {
  if (!facts.probe.ok || facts.probe.pictureStreams === 0) return [];
  const count = facts.probe.pictureStreams;
  return [
    {
      severity: 'error',
      rule: 'audio/cover-art',
      message: `has embedded cover art (${count === 1 ? 'an attached picture' : `${count} attached pictures`})`,
      hint: fixHint(path),
    },
  ];
};
