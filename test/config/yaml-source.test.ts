import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/config/locate.js';
import { parseYamlText, readYamlFile } from '../../src/config/yaml-source.js';
import { REPO_ROOT, tempRepo } from '../fixtures/broken/harness.js';

describe('parseYamlText', () => {
  it('never throws, whatever the text, and every problem has a position inside the file', () => {
    const yamlish = fc.array(
      fc.oneof(fc.constantFrom('a:', ' ', '\n', '- ', '&x ', '*x', '{', '}', '[', ']', '"', "'", ':', '#', '\t', '---', '? ', '!!str ', '<<: ', '__proto__: ', '|', '>'), fc.string({ maxLength: 5 })),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(fc.oneof(yamlish.map((parts) => parts.join('')), fc.string({ maxLength: 200 })), (text) => {
        const result = parseYamlText('f.yaml', text);
        const lines = text.split('\n').length + 1;
        for (const problem of result.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lines);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.message).not.toContain('\n');
        }
        if (result.problems.some((p) => p.severity === 'error')) expect(result.data).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('keeps line and column for every node, also after the tree was dropped', () => {
    const text = 'flow:\n  steps:\n    menu:\n      options: { "1": sales, "#": hangup }\n';
    const { source, data } = parseYamlText('f.yaml', text);
    expect(data).toEqual({ flow: { steps: { menu: { options: { '1': 'sales', '#': 'hangup' } } } } });
    expect(locate(source!, ['flow', 'steps', 'menu', 'options', '#'])).toMatchObject({ line: 4, column: 35 });
    expect(locate(source!, ['flow', 'steps', 'menu', 'options', '#'], { key: true })).toMatchObject({ line: 4, column: 30 });
    // A missing key points at the deepest map that exists.
    expect(locate(source!, ['flow', 'steps', 'menu', 'prompt'])).toMatchObject({ line: 4, column: 7 });
  });

  it('accepts CRLF line ends and counts lines the same', () => {
    const { data, problems, source } = parseYamlText('f.yaml', 'a: 1\r\nb: "x"\r\n');
    expect(problems).toEqual([]);
    expect(data).toEqual({ a: 1, b: 'x' });
    expect(locate(source!, ['b'])).toMatchObject({ line: 2, column: 4 });
  });

  it('reads a file saved with a UTF-8 byte order mark', async () => {
    const repo = tempRepo({ 'f.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: Noël\n')]) });
    try {
      const { data, problems } = readYamlFile(repo.root, 'f.yaml');
      expect(problems).toEqual([]);
      expect(data).toEqual({ name: 'Noël' });
    } finally {
      repo.cleanup();
    }
  });
});

describe('one slip of indentation', () => {
  const example = readFileSync(join(REPO_ROOT, 'config/numbers/support-fr.yaml'), 'utf8');
  const withLine = (line: number, edit: (text: string) => string) =>
    example
      .split('\n')
      .map((text, i) => (i === line - 1 ? edit(text) : text))
      .join('\n');
  const LATER = 'fix this first: the lines after it could not be read';

  it('a tab at line 12 is one problem, not one per later line, and says the rest was not read', () => {
    const text = withLine(12, (line) => line.replace(/^ {6}/, '\t'));
    const { problems, data } = parseYamlText('config/numbers/support-fr.yaml', text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      { severity: 'error', rule: 'yaml/tab', message: 'tab used for indentation', hint: `indent YAML with spaces; ${LATER}`, file: 'config/numbers/support-fr.yaml', line: 12, column: 1 },
    ]);
  });

  it('an over-indented `type: ring` is one problem at the first line the parser stumbles on', () => {
    const text = withLine(27, (line) => line.replace('      type: ring', '        type: ring'));
    const { problems } = parseYamlText('f.yaml', text);
    expect(problems).toEqual([{ severity: 'error', rule: 'yaml/syntax', message: 'All mapping items must start at the same column', hint: LATER, file: 'f.yaml', line: 28, column: 1 }]);
  });

  it('a lone syntax error has no such hint; duplicate keys and unknown tags are still all reported', () => {
    const lone = parseYamlText('f.yaml', 'a: [1, 2\n').problems;
    expect(lone).toHaveLength(1);
    expect(lone[0]).not.toHaveProperty('hint');
    const rules = parseYamlText('f.yaml', 'a: 1\na: 2\nb: !evil x\nc: 3\nc: 4\nd:\n\t- 1\n\t- 2\n').problems.map((p) => [p.rule, p.line]);
    expect(rules).toEqual([
      ['yaml/tab', 7],
      ['yaml/duplicate-key', 2],
      ['yaml/duplicate-key', 5],
      ['yaml/unknown-tag', 3],
    ]);
  });
});

describe('slips people make, each told at its place with what to do', () => {
  const problemOf = (text: string) => {
    const { problems, data } = parseYamlText('f.yaml', text);
    expect(data).toBeUndefined();
    expect(problems).toHaveLength(1);
    return problems[0]!;
  };

  it('an alias with no anchor before it is named, not called an expansion too large', () => {
    expect(problemOf('a: 1\nb: *nope\n')).toMatchObject({ rule: 'yaml/unknown-alias', line: 2, column: 4, message: 'alias *nope names no anchor above it' });
    expect(problemOf('a: *x\nb: &x 1\n')).toMatchObject({ rule: 'yaml/unknown-alias', line: 1, column: 4 });
  });

  it('an empty key (~, null, nothing) is refused at the key, not read as the key ""', () => {
    expect(problemOf('options: { "1": sales, ~: support }\n')).toMatchObject({ rule: 'yaml/empty-key', line: 1, column: 24, message: 'key ~ is empty in YAML (null)', hint: 'quote it if you mean the text: "~"' });
    expect(problemOf('a: 1\nnull: 2\n')).toMatchObject({ rule: 'yaml/empty-key', line: 2, column: 1 });
    expect(problemOf('a: 1\n: 2\n')).toMatchObject({ rule: 'yaml/empty-key', line: 2, message: 'a key is missing before ":"' });
  });

  it('a merge key is refused as such, not as an unknown key or a missing one', () => {
    expect(problemOf('base: &b { type: hangup }\nstep:\n  <<: *b\n')).toMatchObject({ rule: 'yaml/merge-key', line: 3, column: 3 });
    // Quoted, "<<" is an ordinary key (the schema says whether it belongs).
    expect(parseYamlText('f.yaml', '"<<": 1\n').problems).toEqual([]);
  });

  it.each([
    ['a missing ": "', 'step:\n  type forward\n  to: x\n', 2, /": " missing after a key/],
    ['a ": " inside a plain text', 'message:\n  tts: Hello: welcome\n', 2, /must be quoted/],
    ['an apostrophe inside single quotes', "name: 'Support l'équipe'\n", 1, /apostrophe is written twice \(l''équipe\)/],
    ['a double quote inside double quotes', 'name: "the "best" line"\n', 1, /double quote is written \\"/],
  ])('%s gets a hint', (_, text, line, hint) => {
    const problem = problemOf(text);
    expect(problem).toMatchObject({ rule: 'yaml/syntax', line });
    expect(problem.hint).toMatch(hint);
  });

  it('a line break in a name says a name is one line, not to remove an escape that is not there', () => {
    const { problems } = parseYamlText('f.yaml', 'name: |\n  Support\n  FR\n');
    expect(problems).toMatchObject([{ rule: 'yaml/control-character', line: 1, hint: expect.stringMatching(/one line/) }]);
    expect(parseYamlText('f.yaml', 'name: "a\\eb"\n').problems[0]?.hint).toMatch(/remove the escape/);
  });
});

describe('keypad keys that YAML reads otherwise', () => {
  it('a line "#: target" is a comment: a warning says so at its line, and the file still loads', () => {
    const { problems, data } = parseYamlText('f.yaml', 'options:\n  "1": sales\n  #: support\n');
    expect(data).toEqual({ options: { '1': 'sales' } });
    expect(problems).toMatchObject([{ severity: 'warning', rule: 'yaml/commented-key', line: 3, column: 3, hint: 'quote the key: "#": …' }]);
    // An ordinary comment is left alone.
    expect(parseYamlText('f.yaml', 'options:\n  "1": sales\n  # support: later\n').problems).toEqual([]);
  });

  it('a key "*:" unquoted gets the hint to quote it', () => {
    const { problems } = parseYamlText('f.yaml', 'options:\n  "1": sales\n  *: support\n');
    expect(problems.find((p) => p.severity === 'error')).toMatchObject({ rule: 'yaml/syntax', line: 3, hint: 'a key * must be quoted: "*": …' });
  });
});
