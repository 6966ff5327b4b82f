import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPlainYaml } from '../../src/config/plain-yaml.js';
import { REPO_ROOT } from '../fixtures/broken/harness.js';

/** What yaml's full parse makes of a text: its values, and whether it had anything to say. */
function fullParse(text: string): { clean: boolean; data?: unknown } {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length || doc.warnings.length) return { clean: false };
  try {
    return { clean: true, data: doc.toJS() as unknown };
  } catch {
    return { clean: false };
  }
}

/** The quick road answers only for a clean file, and then with exactly the full parse's values. */
function agreesWithFullParse(text: string): boolean {
  const quick = readPlainYaml(text);
  if (!quick) return true;
  const full = fullParse(text);
  return full.clean && isDeepStrictEqual(quick.data, full.data);
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) out.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

type Edit = { kind: 'insert'; at: number; piece: string } | { kind: 'delete'; at: number; length: number } | { kind: 'indent'; line: number; by: number };

function applyEdit(text: string, change: Edit): string {
  if (change.kind === 'insert') {
    const at = change.at % (text.length + 1);
    return text.slice(0, at) + change.piece + text.slice(at);
  }
  if (change.kind === 'delete') {
    const at = change.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + change.length);
  }
  const lines = text.split('\n');
  const line = change.line % lines.length;
  lines[line] = change.by > 0 ? ' '.repeat(change.by) + lines[line] : lines[line]!.replace(new RegExp(`^ {0,${-change.by}}`), '');
  return lines.join('\n');
}

const FILES = [...yamlFilesUnder(join(REPO_ROOT, 'config')), ...yamlFilesUnder(join(REPO_ROOT, 'test'))];
const TEXTS = FILES.map((file) => readFileSync(file, 'utf8'));
const EXAMPLE_FILES = FILES.filter((file) => relative(REPO_ROOT, file).startsWith('config'));

describe('readPlainYaml', () => {
  it('reads every file of the example repo itself, to the values the full parse gives', () => {
    expect(EXAMPLE_FILES.length).toBeGreaterThan(5);
    for (const file of EXAMPLE_FILES) {
      const text = readFileSync(file, 'utf8');
      const quick = readPlainYaml(text);
      expect(quick, file).toBeDefined();
      expect(quick!.data, file).toStrictEqual(fullParse(text).data);
    }
  });

  it('agrees with the full parse on every YAML file in the repo, fixtures of broken files included', () => {
    expect(TEXTS.length).toBeGreaterThan(20);
    for (const [index, text] of TEXTS.entries()) expect(agreesWithFullParse(text), FILES[index]).toBe(true);
  });

  it('agrees with the full parse on edits of those files: typos, stray indicators, indents', () => {
    const pieces = [' ', '  ', '\n', '\t', ':', ': ', '-', '- ', '#', ' #', '{', '}', '[', ']', ',', '"', "'", '&a ', '*a', '!!str ', '? ', '|', '>', '\\', '\\e', 'x', '0', '.', '~', '1e3', '0x1F', '0o7', '.inf', 'null', 'true', '%', '@', '`', '\r', '\n  ', '\n- ', '---\n', '...\n', '__proto__', '<<', 'é'];
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -2, max: 2 }) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: TEXTS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (index, edits) => {
        const text = edits.reduce(applyEdit, TEXTS[index]!);
        return agreesWithFullParse(text);
      }),
      { numRuns: 4000 },
    );
  });

  it('agrees with the full parse on YAML-ish noise', () => {
    const yamlish = fc.array(
      fc.oneof(fc.constantFrom('a:', 'b: ', '"k": ', ' ', '  ', '\n', '- ', '&x ', '*x', '{', '}', '[', ']', ', ', '"', "'", ':', '#', '\t', '---', '? ', '!!str ', '<<: ', '__proto__: ', '|', '>', '1', '-1.50', 'null', '~', 'true'), fc.string({ maxLength: 4 })),
      { maxLength: 40 },
    );
    fc.assert(fc.property(yamlish, (parts) => agreesWithFullParse(parts.join(''))), { numRuns: 3000 });
  });

  it.each([
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['the same key spelled twice', '1: x\n"1": y\n'],
    ['a prototype key', '__proto__: { polluted: true }\n'],
    ['a merge key', '<<: { a: 1 }\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a tab in the indent', 'a:\n\tb: 1\n'],
    ['a flow map over two lines', 'a: { b: 1,\n  c: 2 }\n'],
    ['an entry out of line with its map', 'a:\n    b: 1\n  c: 2\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['an empty file', '# nothing\n'],
  ])('leaves %s to the full parse', (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it.each([
    ['block maps and lists', 'a:\n  b: 1\n  c:\n    - x\n    - y: 2\n', { a: { b: 1, c: ['x', { y: 2 }] } }],
    ['one-line flow maps and lists, a trailing comma', 'a: { b: [1, 2,], "c d": e }\n', { a: { b: [1, 2], 'c d': 'e' } }],
    ['core-schema scalars', 'a: [~, true, 0o17, 0x1F, -1.50, .inf, 1e3, "09:00", 09:00]\n', { a: [null, true, 15, 31, -1.5, Infinity, 1000, '09:00', '09:00'] }],
    ['numbers as keys, as the options of an IVR', 'options: { 1: sales, "#": end }\n', { options: { '1': 'sales', '#': 'end' } }],
    ['quoted and folded strings', "a: 'it''s'\nb: \"tab\\there\"\nc: one\n  two\n", { a: "it's", b: 'tab\there', c: 'one two' }],
    ['comments everywhere they may go', '# head\na: 1 # after\nb:\n  - x\n  # among items\n  - y\n  # last\nc:\n  d: 1\n  # among entries\n  e: 2\n  # last\n# tail\n', { a: 1, b: ['x', 'y'], c: { d: 1, e: 2 } }],
  ])('reads %s', (_, text, expected) => {
    const quick = readPlainYaml(text);
    expect(quick?.data).toStrictEqual(expected);
    expect(quick?.data).toStrictEqual(fullParse(text).data);
  });

  it('says when a string may hold a control character: an escape or a folded line put it there', () => {
    expect(readPlainYaml('a: "\\e[2J"\n')?.escapedOrFolded).toBe(true);
    expect(readPlainYaml('a: "one\n\n  two"\n')?.escapedOrFolded).toBe(true);
    expect(readPlainYaml('a: one\n\n  two\n')?.escapedOrFolded).toBe(true);
    expect(readPlainYaml('a: plain\nb: "quoted"\nc: { d: [e] }\n')?.escapedOrFolded).toBe(false);
    // Whatever the text, a control character in any key or value is flagged.
    const control = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
    const holdsControl = (value: unknown): boolean =>
      typeof value === 'string' ? control.test(value) : value !== null && typeof value === 'object' && Object.entries(value).some(([key, item]) => control.test(key) || holdsControl(item));
    const text = fc.array(fc.constantFrom('a: ', 'b: "', '"', '\\e', '\\n', '\\x07', '\\u0085', '\\t', 'x', ' ', '\n', '\n\n', '  ', "'", '{ c: "', '}', '- '), { maxLength: 16 });
    fc.assert(
      fc.property(text, (parts) => {
        const quick = readPlainYaml(parts.join(''));
        return !quick || !holdsControl(quick.data) || quick.escapedOrFolded;
      }),
      { numRuns: 3000 },
    );
  });
});
