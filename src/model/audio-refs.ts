import type { PathSegment } from '../config/locate.js';
import type { Entry } from './repo.js';
import type { NumberConfig, SharedMessageConfig } from '../config/schema/index.js';
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

export function audioReferences(numbers: readonly Entry<NumberConfig>[], messages: Iterable<Entry<SharedMessageConfig>>): AudioReference[] {
  const out: AudioReference[] = [];
  for (const entry of numbers) {
    for (const [stepName, step] of Object.entries(entry.config.flow.steps)) {
      for (const { path, message } of messagesOf(step)) {
        if (!('file' in message)) continue;
        const use: AudioUse =
          step.type === 'ring' ? 'waiting-music' : step.type === 'voicemail' ? 'voicemail' : path[0] === 'prompt' ? 'prompt' : 'message';
        out.push({ path: message.file, entry, yamlPath: ['flow', 'steps', stepName, ...path, 'file'], use });
      }
    }
  }
  for (const entry of messages) {
    const message = entry.config.message;
    if ('file' in message) out.push({ path: message.file, entry, yamlPath: ['message', 'file'], use: 'shared-message' });
  }
  return out;
}
