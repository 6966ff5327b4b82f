import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/config/locate.js';
import { parseYamlText, readYamlFile } from '../../src/config/yaml-source.js';
import { tempRepo } from '../fixtures/broken/harness.js';

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
