import type { PathSegment } from '../config/locate.js';
import type { Entry } from './repo.js';
import type { NumberConfig, SharedMessageConfig, Step } from '../config/schema/index.js';
import { messagesOf } from './flow.js';

/** How a referenced file is used: it decides what duration is sensible. */
export type AudioUse = 'message' | 'prompt' | 'voicemail' | 'waiting-music' | 'shared-message';

export interface AudioReference {
  /** Repo-relative path as written. */
  path: string;
  entry: Entry<unknown>;
  /** YAML path of the `file:` value. */
  yamlPath: PathSegment[];
  use: AudioUse;
}

/** Loaded config is never changed afterwards: the loader, a rule and the audio check share one list per load. */
const listed = new WeakMap<readonly Entry<NumberConfig>[], { messages: ReadonlyMap<string, Entry<SharedMessageConfig>>; refs: readonly AudioReference[] }>();

export function audioReferences(numbers: readonly Entry<NumberConfig>[], messages: ReadonlyMap<string, Entry<SharedMessageConfig>>): readonly AudioReference[] {
  const known = listed.get(numbers);
  if (known?.messages === messages) return known.refs;
  const refs = listReferences(numbers, messages.values());
  listed.set(numbers, { messages, refs });
  return refs;
}

function listReferences(numbers: readonly Entry<NumberConfig>[], messages: Iterable<Entry<SharedMessageConfig>>): AudioReference[] {
  const out: AudioReference[] = [];
  for (const entry of numbers) {
    const steps = entry.config.flow.steps;
    for (const stepName in steps) {
      const step = steps[stepName]!;
      for (const { path, message } of messagesOf(step)) {
        if ('file' in message) out.push({ path: message.file, entry, yamlPath: (['flow', 'steps', stepName] as PathSegment[]).concat(path, 'file'), use: useOf(step, path) });
      }
    }
  }
  for (const entry of messages) {
    const message = entry.config.message;
    if ('file' in message) out.push({ path: message.file, entry, yamlPath: ['message', 'file'], use: 'shared-message' });
  }
  return out;
}

function useOf(step: Step, path: readonly PathSegment[]): AudioUse {
  if (step.type === 'ring') return 'waiting-music';
  if (step.type === 'voicemail') return 'voicemail';
  return path[0] === 'prompt' ? 'prompt' : 'message';
}
