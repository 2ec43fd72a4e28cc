/**
 * The line of a front-matter value from its path (`['numbers', 2, 'num']`), in O(depth) per
 * question. `Document.getIn` scans a mapping's pairs for each key it looks up: asked once per
 * key of a 40,000-key front matter (one warning each), the check was quadratic and stopped the
 * back-office server for minutes (issue #17). Here each mapping's keys are put in a `Map` once,
 * on first use, so a whole check stays linear in the file's size.
 *
 * The answers are `getIn(path, true)`'s (tests/unit/content-limits.test.ts compares both on
 * every file of the previous site's corpus): a mapping's FIRST pair whose key is the path's
 * string or number (yaml's `findPair`: strict equality with the key's value), a sequence's item
 * by its index (a number or a string of digits, as `asItemIndex`); then the line of that value,
 * else of its parent's, and for a top-level key without a value, the line of the key.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, YAMLMap, YAMLSeq, type Document } from 'yaml';

type Key = string | number;
/** A node of the document, as far as this module looks at it. */
type Found = object | null | undefined;

const rangeStart = (node: Found): number | undefined =>
  node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) && typeof node.range[0] === 'number' ? node.range[0] : undefined;

/** `asItemIndex` of yaml's YAMLSeq. */
function itemIndex(key: Key): number | undefined {
  const idx = key && typeof key === 'string' ? Number(key) : key;
  return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0 ? idx : undefined;
}

export function lineFinder(doc: Document, lineAt: (offset: number) => number): (path: readonly Key[]) => number | undefined {
  /** Per plain mapping: its keys' values, first pair wins (as findPair). */
  const indexes = new WeakMap<YAMLMap, Map<unknown, Found>>();
  const indexOf = (map: YAMLMap): Map<unknown, Found> => {
    let index = indexes.get(map);
    if (index) return index;
    index = new Map();
    for (const it of map.items) {
      if (!isPair(it)) continue;
      const k: unknown = isScalar(it.key) ? it.key.value : it.key;
      if (!index.has(k)) index.set(k, it.value as Found);
    }
    indexes.set(map, index);
    return index;
  };
  /** `collection.get(key, true)`, in O(1) for plain mappings and sequences. */
  const child = (node: Found, key: Key): Found => {
    if (node instanceof YAMLMap && node.constructor === YAMLMap) return indexOf(node).get(key) ?? undefined;
    if (node instanceof YAMLSeq && node.constructor === YAMLSeq) {
      const i = itemIndex(key);
      return i === undefined ? undefined : (node.items[i] as Found);
    }
    // Other collections (!!omap, !!set of a `%YAML 1.1` document) answer as the library does.
    return isMap(node) || isSeq(node) ? (node.get(key, true) as Found) : undefined;
  };
  /** Top-level keys' lines, for a key without a value node (first key with a range wins). */
  let keyLines: Map<string, number> | undefined;
  const keyLine = (key: string): number | undefined => {
    if (!isMap(doc.contents)) return undefined;
    if (!keyLines) {
      keyLines = new Map();
      for (const pair of doc.contents.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const k = String(pair.key.value);
        if (!keyLines.has(k)) keyLines.set(k, pair.key.range[0]);
      }
    }
    const at = keyLines.get(key);
    return at === undefined ? undefined : lineAt(at);
  };

  return (path) => {
    if (path.length === 0) {
      const start = rangeStart(doc.contents);
      return start !== undefined ? lineAt(start) : keyLine(String(path[0]));
    }
    // nodes[i]: the node at path[0..i] (undefined once the walk leaves the document's nodes).
    const nodes: Found[] = [];
    let node: Found = isCollection(doc.contents) ? doc.contents : undefined;
    for (let i = 0; i < path.length; i++) {
      node = i === 0 || isCollection(node) ? child(node, path[i]!) : undefined;
      nodes.push(node);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const start = rangeStart(nodes[i]);
      if (start !== undefined) return lineAt(start);
    }
    return keyLine(String(path[0]));
  };
}
