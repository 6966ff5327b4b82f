import { isMap, isSeq, isScalar, isPair, type Pair } from 'yaml';
import { nodePosition, type YamlSource } from './yaml-source.js';
import type { Position } from '../model/problem.js';

export type PathSegment = string | number;

/**
 * Position of the node at `path` in a YAML file. When the path goes further than the file
 * (a missing key), the deepest existing node is used. `key: true` points at the key of the
 * last segment instead of its value (for unknown keys, duplicate steps…).
 */
export function locate(source: YamlSource, path: readonly PathSegment[], options: { key?: boolean } = {}): Position {
  let node: unknown = source.doc.contents;
  let lastPair: Pair | undefined;
  for (const segment of path) {
    const pair = childPair(node, segment);
    if (pair) {
      lastPair = pair;
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      lastPair = undefined;
      node = node.items[segment];
      continue;
    }
    return nodePosition(source, node);
  }
  if (options.key && lastPair) return nodePosition(source, lastPair.key);
  if (node === null || node === undefined) return nodePosition(source, lastPair?.key ?? source.doc.contents);
  return nodePosition(source, node);
}

function childPair(node: unknown, segment: PathSegment): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) as
    | Pair
    | undefined;
}
