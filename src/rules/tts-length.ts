import { MAX_TTS_CHARACTERS, type Message } from '../config/schema/index.js';
import type { PathSegment } from '../config/locate.js';
import { messagesOf } from '../model/flow.js';
import type { Entry } from '../model/repo.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** "TTS text too long": the platform reads at most 1,000 characters. */
export const ttsLength: Rule = (repo) => {
  const problems: Problem[] = [];
  const check = (entry: Entry<unknown>, path: PathSegment[], message: Message) => {
    // Characters are code points; a string has at least as many UTF-16 units, so most texts
    // are cleared without counting.
    if (!('tts' in message) || message.tts.length <= MAX_TTS_CHARACTERS) return;
    const characters = codePoints(message.tts);
    if (characters <= MAX_TTS_CHARACTERS) return;
    problems.push(
      problemAt(entry, [...path, 'tts'], 'error', 'tts/too-long', `text-to-speech text is ${characters} characters; the limit is ${MAX_TTS_CHARACTERS}`, {
        hint: 'shorten it, split it across message steps, or record it as an mp3',
      }),
    );
  };
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      for (const { path, message } of messagesOf(step)) check(entry, ['flow', 'steps', name, ...path], message);
    }
  }
  for (const entry of repo.messages.values()) check(entry, ['message'], entry.config.message);
  return problems;
};

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
