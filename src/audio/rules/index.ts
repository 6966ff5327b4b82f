import type { AudioFinding, AudioRule, AudioRuleInput } from './rule.js';
import { appleMetadata } from './apple-metadata.js';
import { container } from './container.js';
import { coverArt } from './cover-art.js';
import { duration } from './duration.js';
import { format } from './format.js';
import { id3TooLarge } from './id3-too-large.js';
import { tooLarge } from './too-large.js';
import { truncated } from './truncated.js';
import { unreadable } from './unreadable.js';

export type { AudioFinding, AudioRuleInput } from './rule.js';

export const AUDIO_RULES: readonly AudioRule[] = [unreadable, container, tooLarge, truncated, duration, format, appleMetadata, coverArt, id3TooLarge];

/** Every finding for one file as played in one way. */
export function judgeAudio(input: AudioRuleInput): AudioFinding[] {
  return AUDIO_RULES.flatMap((rule) => rule(input));
}

export type Verdict = 'ok' | 'warning' | 'error';

export function verdictOf(findings: readonly AudioFinding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length ? 'warning' : 'ok';
}
