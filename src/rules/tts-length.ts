import { MAX_TTS_CHARACTERS, type Message } from '../config/schema/index.js';
import type { PathSegment } from '../config/locate.js';
import { messagesOf } from '../model/flow.js';
import type { Entry } from '../model/repo.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** "TTS text too long": the platform reads at most 1,000 characters. */
export const ttsLength: Rule = (repo) => {
  const problems = new CappedProblems();
  // The path is built only for a problem: this runs on every message of every number.
  const check = (entry: Entry<unknown>, path: () => PathSegment[], message: Message) => {
    if (!('tts' in message)) return;
    // Characters are code points; a string's length counts UTF-16 units, never fewer, so only a long text needs counting.
    const characters = message.tts.length <= MAX_TTS_CHARACTERS ? message.tts.length : [...message.tts].length;
    if (characters <= MAX_TTS_CHARACTERS) return;
    problems.add(entry.file, () =>
      problemAt(entry, [...path(), 'tts'], 'error', 'tts/too-long', `text-to-speech text is ${characters} characters; the limit is ${MAX_TTS_CHARACTERS}`, {
        hint: 'shorten it, split it across message steps, or record it as an mp3',
      }),
    );
  };
  for (const entry of repo.numbers) {
    const steps = entry.config.flow.steps;
    for (const name in steps) {
      for (const { path, message } of messagesOf(steps[name]!)) check(entry, () => ['flow', 'steps', name, ...path], message);
    }
  }
  for (const entry of repo.messages.values()) check(entry, () => ['message'], entry.config.message);
  return problems.list();
};
