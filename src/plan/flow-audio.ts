import { slotsOf } from '../model/step-shape.js';
import type { CanonicalFlowDocument, CanonicalStep } from '../model/flow-document.js';

export interface AudioUse {
  path: string;
  sha256?: string;
}

/** Every recorded file a flow plays (messages, prompts, waiting music), once per content. */
export function audioOfFlow(flow: CanonicalFlowDocument): AudioUse[] {
  const found = new Map<string, AudioUse>();
  for (const step of Object.values(flow.steps)) {
    for (const audio of audioOfStep(step)) found.set(audioIdentity(audio), audio);
  }
  return [...found.values()];
}

/** Content hash when known, else the path: what makes two files "the same audio". */
export function audioIdentity(audio: AudioUse): string {
  return audio.sha256 ? `sha256:${audio.sha256}` : `path:${audio.path}`;
}

function audioOfStep(step: CanonicalStep): AudioUse[] {
  return slotsOf(step).flatMap(({ value }) => (value && typeof value === 'object' && 'audio' in value ? [(value as { audio: AudioUse }).audio] : []));
}
