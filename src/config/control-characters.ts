/**
 * Control characters have no place in config: a NUL or an ESC written to the account, or a CR
 * in a name that rewinds a reviewer's terminal line, are refused where they are written.
 * Allowed: tabs, CRLF line ends, and line breaks inside TTS texts (and the `hears` a flow test
 * expects of them), which are spoken paragraphs.
 */
import { excerpt } from '../model/excerpt.js';
import type { Problem } from '../model/problem.js';
import { locate, type PathSegment } from './locate.js';
import type { YamlSource } from './yaml-source.js';

/** In the file's text: C0 but tab and line feed, DEL, C1; a CR only when no line feed follows. */
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
/** In a loaded value: C0 but tab (a line break too), DEL, C1. */
const IN_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
/** In a spoken text: the same, but a line break is fine. */
const IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** In a key (a step name, an option key): nothing at all. */
const IN_KEY = /[\u0000-\u001f\u007f-\u009f]/;
/** Keys whose strings are spoken texts, or expectations of them. */
const TEXT_KEYS = new Set(['tts', 'hears']);
/** Findings per file before the walk stops: one is enough to refuse the file. */
const MAX_REPORTED = 5;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first raw control character in the file's text, if any. */
export function rawControlCharacter(source: Pick<YamlSource, 'file' | 'text' | 'lineCounter'>): Problem | undefined {
  const found = RAW.exec(source.text);
  if (!found) return undefined;
  const { line, col } = source.lineCounter.linePos(found.index);
  return {
    severity: 'error',
    rule: 'yaml/control-character',
    message: `the file holds a control character (${codePoint(found[0])})`,
    hint: 'remove it: config files are text, and a control character would reach the account or a terminal',
    file: source.file,
    line,
    column: col,
  };
}

/** Strings and keys of the loaded data that hold a control character (spelled as a quoted escape: "\e", "\0", "\r"). */
export function controlCharactersInValues(source: YamlSource, data: unknown): Problem[] {
  const found: Array<{ path: PathSegment[]; char: string; isKey: boolean }> = [];
  // One path, pushed and popped as the walk goes: copied only for a finding.
  const path: PathSegment[] = [];
  const walk = (value: unknown, isText: boolean): void => {
    if (found.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      const char = (isText ? IN_TEXT : IN_VALUE).exec(value)?.[0];
      if (char) found.push({ path: [...path], char, isKey: false });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        walk(value[index], isText);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const char = IN_KEY.exec(key)?.[0];
      path.push(key);
      if (char) found.push({ path: [...path], char, isKey: true });
      walk((value as Record<string, unknown>)[key], isText || TEXT_KEYS.has(key));
      path.pop();
    }
  };
  walk(data, false);
  return found.map(({ path, char, isKey }) => ({
    severity: 'error',
    rule: 'yaml/control-character',
    message: `${path.length ? path.map((p) => excerpt(String(p), 40)).join('.') : 'the file'}${isKey ? ' (the key)' : ''} holds a control character (${codePoint(char)})`,
    hint: char === '\n' ? 'names and values are one line: write it without line breaks (a "|" or ">" text keeps them)' : 'remove the escape: names and values are plain text',
    ...locate(source, path, { key: isKey }),
  }));
}
