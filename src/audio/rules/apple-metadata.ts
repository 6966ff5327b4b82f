import { fixHint, type AudioRule } from './rule.js';

/** "Apple metadata (iTunes tags, MP4 atoms)": recordings from Apple devices carry tags the platform rejects. */
export const appleMetadata: AudioRule = ({ path, facts }) => {
  const found = new Set(facts.appleMarkers.map((marker) => marker.replace(/\.$/, '.*')));
  if (facts.probe.ok) {
    for (const key of facts.probe.tagKeys) {
      if (/^itun/i.test(key)) found.add(key);
      else if (/^com\.apple\./i.test(key)) found.add('com.apple.*');
      else if (key === 'major_brand' || key === 'compatible_brands') found.add('MP4 atoms (ftyp)');
    }
  }
  if (!found.size) return [];
  return [
    {
      severity: 'error',
      rule: 'audio/apple-metadata',
      message: `carries Apple/iTunes metadata the platform rejects (${[...found].sort().join(', ')})`,
      hint: fixHint(path),
    },
  ];
};
