import { readFileSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineCounter, parseDocument, visit, isAlias, isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { Problem } from '../model/problem.js';
import { excerpt } from '../model/excerpt.js';
import { insideRepoReader } from './inside-repo.js';
import { controlCharactersInValues, rawControlCharacter } from './control-characters.js';
import { formatBytes } from '../report/format-bytes.js';
import { nodePosition, offsetPosition } from './positions.js';
import { FORBIDDEN_KEYS, readPlainYaml } from './plain-yaml.js';

/** A parsed YAML file that keeps every node's range so any finding can point at file:line:column. */
export interface YamlSource {
  /** Repo-relative, forward slashes. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface YamlReadResult {
  source?: YamlSource;
  /** The plain JS value; absent when the file could not be read safely. */
  data?: unknown;
  problems: Problem[];
}

/** Config files are small; anything bigger is a mistake or an attack, refused before reading. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
/** Aliases are handy for repeated messages, but a few dozen is plenty (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Reads one config file as a whole, synchronously: config files are small and read one after
 * another, and a thread-pool round trip per open/stat/read/close cost more CPU than the reads.
 * `inside` (one per load) answers where the file really is; see inside-repo.ts.
 */
export function readYamlFile(root: string, file: string, inside = insideRepoReader(root)): YamlReadResult {
  const at = (rule: string, message: string, line = 1, column = 1, hint?: string): YamlReadResult => ({
    problems: [{ severity: 'error', rule, message, file, line, column, ...(hint ? { hint } : {}) }],
  });
  const where = inside(file);
  if (where.status === 'outside') {
    return at('yaml/outside-repo', 'the file is a link to a place outside the repository; callflow reads only files inside it', 1, 1, 'replace the link with the file itself');
  }
  if (where.status === 'missing') return at('yaml/unreadable', 'file cannot be read');
  const path = where.real;
  const info = where.stats ?? statOrUndefined(path);
  if (!info) return at('yaml/unreadable', 'file cannot be read');
  if (!info.isFile()) return at('yaml/unreadable', 'not a regular file');
  if (info.size > MAX_YAML_BYTES) {
    return at(
      'yaml/too-large',
      // Rounded alike, the two sizes would read "2.0 MB … limited to 2.0 MB": then in bytes.
      formatBytes(info.size) === formatBytes(MAX_YAML_BYTES)
        ? `file is ${info.size.toLocaleString('en-US')} bytes; config files are limited to ${MAX_YAML_BYTES.toLocaleString('en-US')} bytes`
        : `file is ${formatBytes(info.size)}; config files are limited to ${formatBytes(MAX_YAML_BYTES)}`,
      1,
      1,
      'split it, or move long texts into config/messages/',
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return at('yaml/unreadable', 'file cannot be read');
  }
  // Decoding replaces invalid bytes with U+FFFD; only then are the bytes worth a second look.
  if (text.includes('\uFFFD')) {
    const bytes = readFileSync(path);
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      return at('yaml/encoding', 'file is not valid UTF-8', bad.line, bad.column, 'save the file as UTF-8');
    }
  }
  return parseYamlText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export function parseYamlText(file: string, text: string): YamlReadResult {
  const plain = readPlainYaml(text);
  if (plain) {
    // The common clean file: values without a tree (plain-yaml.ts); the tree is built only if a finding needs a position.
    const source = lazyTreeSource(file, text);
    const controls = rawControlCharacter(source) !== undefined || (plain.escapedOrFolded && controlCharactersInValues(source, plain.data).length > 0);
    if (!controls) return { source, data: plain.data, problems: commentedKeys(source) };
  }
  const { doc, lineCounter } = parseTree(text);
  const source: YamlSource = { file, text, doc, lineCounter };
  const problems: Problem[] = commentedKeys(source);

  problems.push(...syntaxProblems(source));
  problems.push(...keyProblems(source));
  const raw = rawControlCharacter(source);
  if (raw) problems.push(raw);
  for (const warning of doc.warnings) {
    // A tag nobody defines (`!!js/function`, `!evil`) is read as plain text: say so as an error.
    const unknownTag = warning.code === 'TAG_RESOLVE_FAILED';
    problems.push({
      severity: unknownTag ? 'error' : 'warning',
      rule: unknownTag ? 'yaml/unknown-tag' : 'yaml/warning',
      message: firstLine(warning.message),
      ...(unknownTag ? { hint: 'remove the tag: config files hold plain maps, lists, strings and numbers' } : {}),
      ...offsetPosition(source, warning.pos[0]),
    });
  }
  const result = (data?: unknown): YamlReadResult => ({ source, ...(data === undefined ? {} : { data }), problems });
  if (problems.some((p) => p.severity === 'error')) return result();

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    problems.push({ severity: 'error', rule: 'yaml/empty', message: 'file is empty', file, line: 1, column: 1 });
    return result();
  }

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    // Raw controls were refused above; an escape ("\e") or a block scalar in a name (a line break) is found here.
    const controls = controlCharactersInValues(source, data);
    if (controls.length) {
      problems.push(...controls);
      return result();
    }
    // A valid file's tree is dropped and rebuilt only if a finding needs a position: keeping
    // 1,000 trees alive cost more garbage collection than rebuilding the few that are asked for.
    return { source: lazyTreeSource(file, text), data, problems };
  } catch (error) {
    const message = firstLine((error as Error).message);
    // An alias before (or without) its anchor: `next: *urg` with no `&urg` above it.
    const unresolved = /^Unresolved alias.*: (\S+)$/.exec(message)?.[1];
    if (unresolved !== undefined) {
      const alias = findFirstAlias(doc, unresolved);
      problems.push({
        severity: 'error',
        rule: 'yaml/unknown-alias',
        message: `alias *${unresolved} names no anchor above it`,
        hint: `mark the value to repeat with &${unresolved} before this line, or write the value out`,
        ...(alias ? nodePosition(source, alias) : { file, line: 1, column: 1 }),
      });
      return result();
    }
    // yaml throws a ReferenceError when alias expansion grows too large (billion laughs).
    const firstAlias = findFirstAlias(doc);
    problems.push({
      severity: 'error',
      rule: 'yaml/alias-limit',
      message: `aliases expand too much (${message})`,
      ...(firstAlias ? nodePosition(source, firstAlias) : { file, line: 1, column: 1 }),
    });
    return result();
  }
}

function lazyTreeSource(file: string, text: string): YamlSource {
  let tree: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  return {
    file,
    text,
    get doc() {
      tree ??= parseTree(text);
      return tree.doc;
    },
    get lineCounter() {
      tree ??= parseTree(text);
      return tree.lineCounter;
    },
  };
}

function parseTree(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Checked by `keyProblems` in one pass: the parser's own check compares each key with
    // every earlier one, which a map of 10,000 steps turns into 50 million comparisons.
    uniqueKeys: false,
  });
  return { doc, lineCounter };
}

/** `#: voicemail` on a line of its own: meant as the keypad key #, read as a comment. */
const COMMENTED_KEY = /^[ \t]*(#:[ \t])/gm;

function commentedKeys(source: YamlSource): Problem[] {
  if (!source.text.includes('#:')) return [];
  return [...source.text.matchAll(COMMENTED_KEY)].map((match) => ({
    severity: 'warning' as const,
    rule: 'yaml/commented-key',
    message: 'this line is a comment, not a key "#"',
    hint: 'quote the key: "#": …',
    ...offsetPosition(source, match.index + match[0].length - match[1]!.length),
  }));
}

/** Added to the first syntax error's hint when the parser found more after it. */
const LATER_LINES_HINT = 'fix this first: the lines after it could not be read';

/**
 * The parser's errors, of which only the first counts: one slip of indentation (a tab, a line
 * too far right) makes every later line of its map look wrong, and those lines are fine.
 * A duplicate key is not such a slip and is reported wherever it is.
 */
function syntaxProblems(source: YamlSource): Problem[] {
  const errors = source.doc.errors.map((error) => ({ offset: error.pos[0], ...describeYamlError(error.code, error.message, source.text, error.pos[0]) }));
  const duplicates = errors.filter((error) => error.rule === 'yaml/duplicate-key');
  const syntax = errors.filter((error) => error.rule !== 'yaml/duplicate-key').sort((a, b) => a.offset - b.offset);
  const first = syntax[0];
  const shown = first && syntax.length > 1 ? [{ ...first, hint: first.hint ? `${first.hint}; ${LATER_LINES_HINT}` : LATER_LINES_HINT }] : syntax;
  return [...duplicates, ...shown].map(({ offset, ...error }) => ({ severity: 'error' as const, ...error, ...offsetPosition(source, offset) }));
}

/** A rule id and a message a user can act on, for an error of the yaml parser. */
function describeYamlError(code: string, message: string, text: string, offset: number): { rule: string; message: string; hint?: string } {
  if (code === 'DUPLICATE_KEY') {
    const key = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)(?=\s*:)/.exec(text.slice(offset, offset + 200))?.[0];
    const shown = key?.trim() ? (/^["']/.test(key) ? key.trim() : `"${key.trim()}"`) : undefined;
    return { rule: 'yaml/duplicate-key', message: shown ? `duplicate key ${shown}` : 'duplicate key', hint: 'a key may appear once per map (1 and "1" count as the same key)' };
  }
  // The parser names a tab only when it stands alone in the indent; after spaces it sees a
  // misaligned line instead. Either way the fix is the tab.
  if (code === 'TAB_AS_INDENT' || /\t/.test(indentOfLineAt(text, offset))) return { rule: 'yaml/tab', message: 'tab used for indentation', hint: 'indent YAML with spaces' };
  if (/Maximum call stack/i.test(message)) return { rule: 'yaml/too-deep', message: 'the YAML is nested too deeply to read' };
  if (code === 'MULTIPLE_DOCS') return { rule: 'yaml/syntax', message: 'a second YAML document starts here; a config file holds one', hint: 'remove the "---" line' };
  const hint = syntaxHint(code, text, offset);
  return { rule: 'yaml/syntax', message: firstLine(message), ...(hint ? { hint } : {}) };
}

/** What usually causes the parser's more cryptic complaints, in config files as people type them. */
function syntaxHint(code: string, text: string, offset: number): string | undefined {
  if (/^[ \t]*\*:/.test(lineStartAt(text, offset))) return 'a key * must be quoted: "*": …';
  if (code === 'MULTILINE_IMPLICIT_KEY') return 'is ": " missing after a key? (e.g. "type: forward")';
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'a value holding ": " must be quoted: tts: "Hello: welcome"';
  if (code === 'UNEXPECTED_TOKEN' && text[offset - 1] === "'") return "inside '…' an apostrophe is written twice (l''équipe), or quote the text with \"…\"";
  if (code === 'UNEXPECTED_TOKEN' && text[offset - 1] === '"') return 'inside "…" a double quote is written \\", or quote the text with \'…\'';
  return undefined;
}

/** The start (at most 200 characters) of the line holding `offset`: enough for its indent and first key. */
function lineStartAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const head = text.slice(start, start + 200);
  const end = head.indexOf('\n');
  return end === -1 ? head : head.slice(0, end);
}

/** The blanks that start the line holding `offset`. */
function indentOfLineAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(lineStartAt(text, offset))![0];
}

/**
 * One walk over the tree for what the parser does not refuse: a key twice in a map (`1:` and
 * `"1":` are the same key once loaded), a key that would reach an object's prototype, more
 * aliases than MAX_ALIAS_COUNT. Hand-written rather than yaml's `visit`, which builds a path
 * array per node: this runs on every file.
 */
function keyProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  let aliases = 0;
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (FORBIDDEN_KEYS.has(key) && isScalar(pair.key)) {
          problems.push({ severity: 'error', rule: 'yaml/forbidden-key', message: `key "${key}" is not allowed`, ...nodePosition(source, pair.key) });
        }
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
          problems.push({ severity: 'error', rule: 'yaml/merge-key', message: 'merge keys (<<) are not supported', hint: 'write the keys out in this map (an alias can still repeat a single value)', ...nodePosition(source, pair.key) });
        }
        if (pair.key === null || (isScalar(pair.key) && pair.key.value === null)) {
          const written = isScalar(pair.key) ? ((pair.key as Scalar & { source?: string }).source ?? '') : '';
          problems.push({
            severity: 'error',
            rule: 'yaml/empty-key',
            message: written ? `key ${written} is empty in YAML (null)` : 'a key is missing before ":"',
            hint: written ? `quote it if you mean the text: "${written}"` : 'write the key before ":"',
            ...(isScalar(pair.key) ? nodePosition(source, pair.key) : nodePosition(source, pair.value)),
          });
        }
        if (seen.has(key)) problems.push(duplicateKey(source, pair.key, key));
        else seen.add(key);
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isAlias(node)) {
      aliases += 1;
      if (aliases === MAX_ALIAS_COUNT + 1) {
        problems.push({ severity: 'error', rule: 'yaml/alias-limit', message: `more than ${MAX_ALIAS_COUNT} aliases; refusing to expand them`, ...nodePosition(source, node) });
      }
    }
  };
  walk(source.doc.contents);
  return problems;
}

function duplicateKey(source: YamlSource, node: unknown, key: string): Problem {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const written = range ? source.text.slice(range[0], range[1]).trim() : key;
  const shown = /^["']/.test(written) ? excerpt(written) : `"${excerpt(written)}"`;
  return {
    severity: 'error',
    rule: 'yaml/duplicate-key',
    message: `duplicate key ${shown}`,
    hint: 'a key may appear once per map (1 and "1" count as the same key)',
    ...offsetPosition(source, range?.[0] ?? 0),
  };
}

function keyText(node: unknown): string {
  if (isScalar(node)) return String((node as Scalar).value);
  return JSON.stringify(node);
}

/** The first alias of the document (of that name, when one is given). */
function findFirstAlias(doc: Document.Parsed, name?: string): unknown {
  let found: unknown;
  visit(doc, {
    Alias(_, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function firstInvalidUtf8(bytes: Buffer): { line: number; column: number } {
  let lineStart = 0;
  for (let line = 1; lineStart <= bytes.length; line += 1) {
    const newline = bytes.indexOf(0x0a, lineStart);
    const lineEnd = newline === -1 ? bytes.length : newline;
    const lineBytes = bytes.subarray(lineStart, lineEnd);
    if (!isUtf8(lineBytes)) {
      const column = new TextDecoder('utf-8').decode(lineBytes).indexOf('\uFFFD') + 1;
      return { line, column: Math.max(column, 1) };
    }
    lineStart = lineEnd + 1;
  }
  return { line: 1, column: 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}


