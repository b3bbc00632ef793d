// Maps a config path to a line/column in the YAML source, so every issue points at the
// exact spot: the value for a wrong value, the key for an unknown key, and the nearest
// existing parent for something missing.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { PathKey } from './config-path.ts';

export interface SourcePosition {
  line: number; // 1-based
  column: number; // 1-based
}

export type Locator = (path: readonly PathKey[], opts?: { key?: boolean }) => SourcePosition | undefined;

function pairFor(node: unknown, key: PathKey): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key || String(k) === String(key)) return pair as Pair<unknown, unknown>;
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const at = (offset: number | undefined): SourcePosition | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path, opts = {}) => {
    let node: unknown = doc.contents;
    // The key node of the last map step, so a missing value can point at its key.
    let lastKey: unknown;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      let next: unknown;
      let keyNode: unknown;
      if (isSeq(node) && typeof key === 'number') next = node.items[key];
      else {
        const pair = pairFor(node, key);
        keyNode = pair?.key;
        next = pair?.value;
        if (pair && i === path.length - 1 && opts.key) return at(rangeStart(pair.key));
      }
      if (next === undefined || next === null) {
        // Missing step: point at the key that exists but has no value, else the parent.
        return at(rangeStart(keyNode) ?? rangeStart(node) ?? rangeStart(lastKey));
      }
      lastKey = keyNode ?? lastKey;
      node = next;
    }
    return at(rangeStart(node));
  };
}
