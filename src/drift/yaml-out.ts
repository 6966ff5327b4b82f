/**
 * YAML as the team would write it: block style for the structure, `{ tts: "…" }` flow style for
 * small maps of plain values (messages, targets, IVR options), like the example repo.
 */
import { Document, isScalar, visit, type YAMLMap } from 'yaml';

/** Maps at most this wide (as flow text) are written on one line. */
const FLOW_WIDTH = 100;

export function toYaml(value: unknown, schemaComment?: string): string {
  const document = new Document(value);
  flowSmallMaps(document);
  const body = document.toString({ lineWidth: 0, flowCollectionPadding: true });
  return schemaComment ? `# yaml-language-server: $schema=${schemaComment}\n${body}` : body;
}

function flowSmallMaps(document: Document): void {
  visit(document, {
    Map(_key, node) {
      if (isSmall(node)) node.flow = true;
    },
    Pair(_key, pair) {
      // Spoken text reads as text: quoted, like the example repo writes it.
      if (isScalar(pair.key) && pair.key.value === 'tts' && isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
    Scalar(_key, node) {
      // Dates and times stay strings for every YAML reader (1.1 ones read 2026-12-25 as a date).
      if (typeof node.value === 'string' && /^\d/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item)) && JSON.stringify(node.toJSON()).length <= FLOW_WIDTH) node.flow = true;
    },
  });
}

/** A map of a few plain values that is not a step (steps read better as blocks). */
function isSmall(map: YAMLMap): boolean {
  if (!map.items.every((pair) => isScalar(pair.value))) return false;
  if (map.items.some((pair) => isScalar(pair.key) && pair.key.value === 'type')) return false;
  return map.items.length <= 4 && JSON.stringify(map.toJSON()).length <= FLOW_WIDTH;
}
