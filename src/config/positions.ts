/** file:line:column of an offset or a node of a parsed YAML file, from its line counter. */
import type { YamlSource } from './yaml-source.js';

export function offsetPosition(source: Pick<YamlSource, 'file' | 'lineCounter'>, offset: number) {
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

/** Position of a node (key, value or collection) from its range. */
export function nodePosition(source: Pick<YamlSource, 'file' | 'lineCounter'>, node: unknown) {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return { file: source.file, line: 1, column: 1 };
  const start = source.lineCounter.linePos(range[0]);
  const end = source.lineCounter.linePos(range[1]);
  return { file: source.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}
