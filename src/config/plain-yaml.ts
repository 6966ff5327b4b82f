/**
 * The quick road for the common config file. yaml's full parse builds a Document (a node per
 * value, with ranges, comments and error checks) and then converts it to plain values; for a
 * clean file only the values are kept, and building the tree was ~40% of validate's parse at
 * 1,000 numbers. Here yaml's own lexer and parser (`Parser`: the token tree the full parse
 * starts from) are read straight into plain values, scalars resolved by yaml's own functions
 * and core-schema tags — but only while the file keeps to a narrow, plainly valid subset:
 * block maps and lists, one-line flow maps and lists, plain and quoted scalars, comments.
 *
 * Anything else — an anchor, alias, tag, block scalar (`|`, `>`), a flow collection over
 * several lines, `?` keys, a tab in the indent, a duplicate or forbidden key, a key not at its
 * map's column, a token the parser flags, a scalar the resolver complains about — returns
 * `undefined`, and the file takes the full parse, which reports every problem with its
 * position. So the answer, when there is one, is what `parseDocument(text).toJS()` gives for a
 * file it reads without errors or warnings; test/config/plain-yaml.test.ts checks that on
 * every fixture and on mutations of them.
 */
import { CST, Document, isScalar, Parser, type ScalarTag } from 'yaml';

/** The core schema's scalar tags (what a plain scalar may resolve to), from a default document. */
const SCALAR_TAGS = new Document().schema.tags.filter((tag): tag is ScalarTag => tag.default === true && !tag.collection && tag.test !== undefined);
/** One test for "may this plain scalar be other than a string", from the tags' own tests. */
const MAY_RESOLVE = new RegExp(SCALAR_TAGS.map((tag) => `(?:${tag.test!.source})`).join('|'));
const RESOLVE_OPTIONS = new Document().options;
/** Keys that would reach an object's prototype: refused (yaml/forbidden-key, in yaml-source.ts). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Keys the full road refuses or treats specially (`<<`, yaml/merge-key). */
const UNSAFE_KEYS = new Set([...FORBIDDEN_KEYS, '<<']);
/** yaml refuses an implicit key whose `:` is more than 1,024 characters from its start. */
const LONGEST_KEY = 1000;

const NOT_PLAIN: unique symbol = Symbol('not plain YAML');
/** A value read, or NOT_PLAIN. */
type Read = unknown;

/** Set while reading when a scalar had an escape or a line break (see PlainYaml.escapedOrFolded). */
let escapedOrFolded = false;

export interface PlainYaml {
  data: unknown;
  /**
   * Some string came from a backslash escape or a folded line: the only ways a control
   * character can reach a value once the text itself holds none (control-characters.ts).
   */
  escapedOrFolded: boolean;
}

/** The file's plain values, or undefined when it is not in the subset above (or is empty). */
export function readPlainYaml(text: string): PlainYaml | undefined {
  escapedOrFolded = false;
  let data: Read;
  try {
    data = readDocument(text);
  } catch {
    // Nesting thousands deep overflows the stack here as in the full parse, which reports it (yaml/too-deep).
    return undefined;
  }
  // An empty document (yaml/empty) is the full road's to report.
  return data === NOT_PLAIN || data === null ? undefined : { data, escapedOrFolded };
}

function readDocument(text: string): Read {
  let document: CST.Document | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && !document) document = token;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space' && token.type !== 'byte-order-mark') return NOT_PLAIN;
  }
  if (!document?.value || !onlyBlanks(document.start) || !onlyBlanks(document.end ?? [])) return NOT_PLAIN;
  return read(document.value, false);
}

function read(token: CST.Token, inFlow: boolean): Read {
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      if (inFlow && (token.source.includes('\n') || token.end?.some((t) => t.type !== 'space'))) return NOT_PLAIN;
      return scalar(token);
    case 'flow-collection':
      return flowCollection(token);
    case 'block-map':
      return inFlow ? NOT_PLAIN : blockMap(token);
    case 'block-seq':
      return inFlow ? NOT_PLAIN : blockSeq(token);
    default:
      return NOT_PLAIN;
  }
}

function scalar(token: CST.FlowScalar): Read {
  let text = oneLineText(token);
  if (text === undefined) {
    let failed = false;
    const resolved = CST.resolveAsScalar(token, true, () => (failed = true));
    if (failed || !resolved) return NOT_PLAIN;
    if (token.source.includes('\n') || (token.type === 'double-quoted-scalar' && token.source.includes('\\'))) escapedOrFolded = true;
    text = resolved.value;
  }
  if (token.type !== 'scalar' || !MAY_RESOLVE.test(text)) return text;
  let failed = false;
  const tag = SCALAR_TAGS.find((candidate) => candidate.test!.test(text))!;
  const value: unknown = tag.resolve(text, () => (failed = true), RESOLVE_OPTIONS);
  if (failed) return NOT_PLAIN;
  return isScalar(value) ? value.value : value;
}

/** A plain scalar may start with none of these (yaml: "Plain value cannot start with …"). */
const BAD_PLAIN_START = new Set(['\t', ',', '%', '|', '>', '@', '`']);

/**
 * The text of a scalar on one line with nothing to unfold or unescape, as yaml's resolver
 * would give it (for such a scalar it returns the source, or what is between the quotes);
 * undefined for anything else, which the resolver itself reads. Most scalars of a config file
 * are like this, and the resolver's generality cost a tenth of the quick road.
 */
function oneLineText(token: CST.FlowScalar): string | undefined {
  const source = token.source;
  if (source.includes('\n') || !spacedEnd(token.end ?? [])) return undefined;
  switch (token.type) {
    case 'scalar':
      return BAD_PLAIN_START.has(source[0] ?? '') ? undefined : source;
    case 'double-quoted-scalar':
      return source.length >= 2 && source.endsWith('"') && !source.includes('\\') ? source.slice(1, -1) : undefined;
    case 'single-quoted-scalar':
      return source.length >= 2 && source.endsWith("'") && !source.slice(1, -1).includes("'") ? source.slice(1, -1) : undefined;
    default:
      return undefined;
  }
}

function blockMap(map: CST.BlockMap): Read {
  const out: Record<string, unknown> = {};
  const last = map.items.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const { start, key, sep, value } = map.items[index]!;
    // No `?`, anchor or tag before the key.
    if (!onlyBlanks(start)) return NOT_PLAIN;
    // An item of comment lines only: fine as a map's last, refused by yaml before another entry.
    if (!key && !sep && !value && index === last && index > 0) continue;
    if (!key || !sep) return NOT_PLAIN;
    if (!isOneLineScalar(key) || key.indent !== map.indent) return NOT_PLAIN;
    const indicator = valueIndicator(sep, false);
    if (!indicator || indicator.offset - key.offset > LONGEST_KEY) return NOT_PLAIN;
    // `a: b: c` (a block map on the key's line) is an error.
    if (value?.type === 'block-map' && !indicator.newlineAfter) return NOT_PLAIN;
    if (!add(out, key, value, false)) return NOT_PLAIN;
  }
  return out;
}

function blockSeq(seq: CST.BlockSequence): Read {
  const out: unknown[] = [];
  for (const item of seq.items) {
    let dash = false;
    let spaced = true;
    for (const token of item.start) {
      if (token.type === 'seq-item-ind' && !dash) {
        dash = true;
        spaced = false;
      } else if (token.type === 'space' && !token.source.includes('\t')) spaced = true;
      else if (token.type === 'newline') spaced = true;
      else if (token.type !== 'comment' || !spaced) return NOT_PLAIN;
    }
    if ((item as CST.CollectionItem).key !== undefined || (item as CST.CollectionItem).sep !== undefined) return NOT_PLAIN;
    if (!dash) {
      // A comment line among the items.
      if (item.value) return NOT_PLAIN;
      continue;
    }
    const value = item.value ? read(item.value, false) : null;
    if (value === NOT_PLAIN) return NOT_PLAIN;
    out.push(value);
  }
  return out;
}

function flowCollection(flow: CST.FlowCollection): Read {
  const isMap = flow.start.source === '{';
  const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
  const last = flow.items.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const { start, key, sep, value } = flow.items[index]!;
    let comma = false;
    for (const token of start) {
      if (token.type === 'comma' && !comma) comma = true;
      else if (token.type !== 'space' || token.source.includes('\t')) return NOT_PLAIN;
    }
    if (index === 0 ? comma : !comma) {
      // A trailing comma leaves an empty last item: fine. Any other misplaced comma is not.
      if (!(index === last && index > 0 && !key && !sep && !value)) return NOT_PLAIN;
    }
    if (!key && !sep && !value) {
      if (index !== last) return NOT_PLAIN;
      continue;
    }
    if (isMap) {
      if (!key || !sep || !isOneLineScalar(key) || !valueIndicator(sep, true)) return NOT_PLAIN;
      if (!add(out as Record<string, unknown>, key, value, true)) return NOT_PLAIN;
    } else {
      // `[a: b]` (a pair in a list) is the full road's.
      if (key !== undefined || sep !== undefined || !value) return NOT_PLAIN;
      const item = read(value, true);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      (out as unknown[]).push(item);
    }
  }
  const [close, ...after] = flow.end;
  if (close?.type !== (isMap ? 'flow-map-end' : 'flow-seq-end')) return NOT_PLAIN;
  if (!spacedEnd(after)) return NOT_PLAIN;
  return out;
}

/** Adds key: value to `map`; false when the key is unusable here or already there. */
function add(map: Record<string, unknown>, key: CST.FlowScalar, value: CST.Token | undefined, inFlow: boolean): boolean {
  const resolved = scalar(key);
  if (typeof resolved !== 'string' && typeof resolved !== 'number' && typeof resolved !== 'boolean') return false;
  const name = String(resolved);
  if (UNSAFE_KEYS.has(name) || Object.hasOwn(map, name)) return false;
  const item = value ? read(value, inFlow) : null;
  if (item === NOT_PLAIN) return false;
  map[name] = item;
  return true;
}

/** A key written as a plain or quoted scalar on one line, nothing but blanks after it. */
function isOneLineScalar(token: CST.Token): token is CST.FlowScalar {
  if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar') return false;
  return !token.source.includes('\n') && !(token.end ?? []).some((t) => t.type !== 'space' || t.source.includes('\t'));
}

/**
 * The tokens between a key and its value: one `:`, then blanks and comments (a comment only
 * after a blank; in a flow map, no line break or comment at all). Undefined otherwise.
 */
function valueIndicator(sep: CST.SourceToken[], inFlow: boolean): { offset: number; newlineAfter: boolean } | undefined {
  let found: CST.SourceToken | undefined;
  let spaced = false;
  let newlineAfter = false;
  for (const token of sep) {
    if (token.type === 'map-value-ind' && !found) {
      found = token;
      spaced = false;
    } else if (token.type === 'space' && !token.source.includes('\t')) spaced = true;
    else if (token.type === 'newline' && found && !inFlow) {
      spaced = true;
      newlineAfter = true;
    } else if (!(token.type === 'comment' && found && spaced && !inFlow)) return undefined;
  }
  return found ? { offset: found.offset, newlineAfter } : undefined;
}

/** Before or after the document: line breaks, blanks without tabs, comments. */
function onlyBlanks(tokens: readonly CST.SourceToken[]): boolean {
  return tokens.every((t) => t.type === 'newline' || t.type === 'comment' || (t.type === 'space' && !t.source.includes('\t')));
}

/** After a closing bracket: blanks, line breaks, and comments set off by a blank. */
function spacedEnd(tokens: readonly CST.SourceToken[]): boolean {
  let spaced = false;
  for (const token of tokens) {
    if (token.type === 'space' || token.type === 'newline') spaced = true;
    else if (token.type !== 'comment' || !spaced) return false;
  }
  return true;
}
