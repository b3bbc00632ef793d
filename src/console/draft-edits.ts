// The form view's edits to the YAML draft. The draft is parsed with the `yaml` package's
// Document API to find the node an edit touches, and only that node's text is replaced in
// the draft (a new key is inserted next to its siblings), so comments, quoting, flow style
// and layout of everything else survive byte for byte. Re-serialising the whole document
// would restyle flow collections (`[a, b]` -> `[ a, b ]`) across the file.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export type PathKey = string | number;

function parse(text: string): Document {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new Error(`the draft has a YAML syntax error (${doc.errors[0]!.message.split('\n')[0]}); fix it in the editor first`);
  return doc;
}

function child(node: unknown, key: PathKey): unknown {
  if (isSeq(node) && typeof key === 'number') return node.items[key];
  if (isMap(node)) return pairOf(node, key)?.value;
  return undefined;
}

function pairOf(map: YAMLMap, key: PathKey): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key)) as Pair | undefined;
}

function nodeAt(doc: Document, path: readonly PathKey[]): unknown {
  let node: unknown = doc.contents;
  for (const key of path) node = child(node, key);
  return node;
}

/** The value as YAML text in a line of its own or a flow collection. */
function scalarText(value: number | string): string {
  if (typeof value === 'number') return String(value);
  return /^[\w.@+-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[\d.+-].*)$/i.test(value) ? value : JSON.stringify(value);
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Insert `key: value` into an existing map, in its own style (flow: before `}`; block: a new line after the last entry). */
function insertIntoMap(text: string, map: YAMLMap, key: string, valueText: string): string {
  const range = (map as unknown as Node).range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', range[1] - 1);
    const before = text.slice(range[0] + 1, close).trimEnd();
    const sep = before.length ? ', ' : ' ';
    const at = range[0] + 1 + before.length;
    return splice(text, at, close, `${sep}${key}: ${valueText} `);
  }
  const first = map.items[0];
  const last = map.items.at(-1);
  if (!first || !last) throw new Error(`cannot add ${key} to an empty block mapping; add it in the editor`);
  const indent = ' '.repeat(columnOf(text, (first.key as Node).range![0]));
  const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
  const at = lineEnd(text, Math.max(lastEnd - 1, 0));
  return splice(text, at, at, `\n${indent}${key}: ${valueText}`);
}

/**
 * Set a scalar (a number of points, a weight, a cap) at `path`. An existing value is replaced
 * in place; a missing key is added to its parent map, creating missing parent maps as flow
 * maps (`capacity: { perDay: 40 }`).
 */
export function setScalar(text: string, path: readonly PathKey[], value: number | string): string {
  const doc = parse(text);
  const node = nodeAt(doc, path);
  if (isScalar(node)) {
    const [start, end] = node.range!;
    return splice(text, start, end, scalarText(value));
  }
  if (node !== undefined && node !== null) throw new Error(`${path.join('.')} is not a single value; edit it in the editor`);
  // Find the nearest existing parent map and add what is missing as one nested flow value.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = nodeAt(doc, path.slice(0, depth));
    if (parent === undefined || parent === null) continue;
    if (!isMap(parent)) throw new Error(`${path.slice(0, depth).join('.') || '(root)'} is not a mapping; edit it in the editor`);
    const rest = path.slice(depth + 1).map(String);
    let valueText = scalarText(value);
    for (const k of [...rest].reverse()) valueText = `{ ${k}: ${valueText} }`;
    return insertIntoMap(text, parent, String(path[depth]), valueText);
  }
  throw new Error('the draft is empty; start from the active config');
}

/** Replace a list of plain values (a team's members) at `path`, keeping flow or block style. */
export function setList(text: string, path: readonly PathKey[], values: readonly string[]): string {
  const doc = parse(text);
  const node = nodeAt(doc, path);
  if (!isSeq(node)) throw new Error(`${path.join('.')} is not a list; edit it in the editor`);
  const [start, end] = (node as unknown as Node).range!;
  if (node.flow || values.length === 0) return splice(text, start, end, `[${values.map(scalarText).join(', ')}]`);
  const indent = ' '.repeat(columnOf(text, start));
  return splice(text, start, end, values.map((v, i) => `${i === 0 ? '' : indent}- ${scalarText(v)}`).join('\n') + '\n');
}

/** Read-only access for the form: the draft's data as plain JS, or the syntax error. */
export function readDraft(text: string): { data: unknown; error: string | null } {
  try {
    return { data: parse(text).toJS(), error: null };
  } catch (err) {
    return { data: null, error: (err as Error).message };
  }
}
