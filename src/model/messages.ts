import type { FileMessage, Message, TtsMessage } from '../config/schema/index.js';
import type { Repo } from './repo.js';

/** Follow `{ ref }` to the shared message; undefined when the ref is unknown (a rule reports it). */
export function resolveMessage(repo: Pick<Repo, 'messages'>, message: Message): TtsMessage | FileMessage | undefined {
  if ('ref' in message) return repo.messages.get(message.ref)?.config.message;
  return message;
}
