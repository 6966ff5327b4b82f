import type { AudioUse } from '../../model/audio-refs.js';
import type { Severity } from '../../model/problem.js';
import type { AudioFacts, ProbedAudio } from '../facts.js';

export interface AudioRuleInput {
  /** As the user wrote it (YAML `file:` value or command-line argument), for hints. */
  path: string;
  facts: AudioFacts;
  /** How the file is played; unknown for `callflow audio check FILE`. */
  use?: AudioUse | undefined;
}

/** A finding about one file's content; the caller places it (YAML position or table row). */
export interface AudioFinding {
  severity: Severity;
  rule: string;
  /** Reads after the file name: `"audio/x.mp3" <message>`. */
  message: string;
  hint?: string;
}

/** One check of the seed's audio rules. Pure: facts in, findings out. */
export type AudioRule = (input: AudioRuleInput) => AudioFinding[];

export function fixHint(path: string): string {
  return `convert it to a clean MP3: callflow audio fix ${quoteArg(path)} ${quoteArg(path)} --in-place`;
}

/** Duration, rate, bitrate rules only make sense once we know it is MP3 audio in an MP3 file. */
export function readableMp3(facts: AudioFacts): ProbedAudio | undefined {
  const probe = facts.probe;
  return probe.ok && probe.formatName === 'mp3' && probe.codec === 'mp3' ? probe : undefined;
}

function quoteArg(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
