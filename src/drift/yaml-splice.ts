/**
 * Edits to a YAML file as text splices, so everything not edited stays byte for byte as the
 * team wrote it (comments, quoting, spacing): a pull request shows only what live changed.
 */
import { isMap, isNode, isPair, isScalar, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { toYaml } from './yaml-out.js';

interface Splice {
  start: number;
  end: number;
  text: string;
}

export class YamlSplicer {
  private readonly document: Document.Parsed;
  private readonly splices: Splice[] = [];

  constructor(private readonly text: string) {
    this.document = parseDocument(text, { keepSourceTokens: true });
  }

  /** Replace a scalar value in place (`name: X`, `flow.start: Y`). */
  setScalar(path: readonly string[], value: string): void {
    const node = this.document.getIn(path, true);
    if (!isScalar(node) || !node.range) throw new Error(`${path.join('.')} is not a plain value in this file`);
    this.splices.push({ start: node.range[0], end: node.range[1], text: toYaml(value).trimEnd() });
  }

  /** Replace, add or (value undefined) remove `key:` in the block map at `path`, as block YAML. */
  setEntry(path: readonly string[], key: string, value: unknown): void {
    const map = this.document.getIn(path, true);
    if (!isMap(map)) throw new Error(`${path.join('.')} is not a map in this file`);
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node> | undefined;
    if (pair) {
      const [start, end] = this.pairLines(pair);
      this.splices.push({ start, end, text: value === undefined ? '' : this.block(key, value, this.indentOf(start)) });
      return;
    }
    if (value === undefined) return;
    const last = map.items.at(-1) as Pair<Node, Node> | undefined;
    if (!last) throw new Error(`${path.join('.')} is empty in this file: cannot tell its indentation`);
    const [lastStart, lastEnd] = this.pairLines(last);
    this.splices.push({ start: lastEnd, end: lastEnd, text: this.block(key, value, this.indentOf(lastStart)) });
  }

  toString(): string {
    let out = this.text;
    for (const splice of [...this.splices].sort((a, b) => b.start - a.start)) out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
    return out;
  }

  /** From the start of the key's line to the end of the value's last line (comments after it stay). */
  private pairLines(pair: Pair<Node, Node>): [number, number] {
    if (!isPair(pair) || !isNode(pair.key) || !pair.key.range || !isNode(pair.value) || !pair.value.range) throw new Error('an entry without a position');
    const start = this.text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    const valueEnd = pair.value.range[1];
    const lineEnd = this.text.indexOf('\n', Math.max(valueEnd - 1, start));
    return [start, lineEnd === -1 ? this.text.length : lineEnd + 1];
  }

  private indentOf(lineStart: number): string {
    return /^[ ]*/.exec(this.text.slice(lineStart))![0];
  }

  private block(key: string, value: unknown, indent: string): string {
    return toYaml({ [key]: value }).split('\n').map((line) => (line ? indent + line : line)).join('\n');
  }
}
