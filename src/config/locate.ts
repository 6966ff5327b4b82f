import { isMap, isSeq, isScalar, isPair, type Pair, type YAMLMap } from 'yaml';
import type { YamlSource } from './yaml-source.js';
import { nodePosition } from './positions.js';
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

/**
 * Each map's pairs by key text, built on the first look-up: locating a problem in each of
 * 5,000 steps then costs 5,000 look-ups, not 5,000 scans of 5,000 keys. Keyed weakly by the
 * node, so an index lives exactly as long as its YAML tree.
 */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function childPair(node: unknown, segment: PathSegment): Pair | undefined {
  if (!isMap(node)) return undefined;
  let index = pairIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const item of node.items) {
      // The first of duplicate keys wins, as a scan from the top would find it.
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item as Pair);
    }
    pairIndexes.set(node, index);
  }
  return index.get(String(segment));
}
