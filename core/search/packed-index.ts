// A MiniSearch index as typed arrays, for storing (IndexedDB keeps ArrayBuffers as they are)
// and opening fast. MiniSearch's own JSON took seconds to parse and to turn back into Maps at
// 5,000 clips (two million postings); here the term tree is stored as it is (no inserts on
// open) and a term's postings stay packed until a search first reads that term (`PackedTermData`).
// Reads and writes MiniSearch's documented protected fields (minisearch 7.2, see ranked-index.ts).
import * as v from 'valibot';

/** MiniSearch's internals this file reads and fills. */
export interface IndexInternals {
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  /** MiniSearch's SearchableMap: a radix tree of nested Maps, edge label → child, '' → value. */
  _index: { _tree: TreeNode; _size: number | undefined };
}

type TermData = Map<number, Map<number, number>>;
interface TreeNode extends Map<string, TreeNode | TermData> {}

export const packedIndexSchema = v.object({
  fields: v.array(v.string()),
  documentCount: v.number(),
  nextId: v.number(),
  dirtCount: v.number(),
  /** Short id → clip id ('' for a short id no longer used). */
  ids: v.array(v.string()),
  /** nextId × fields, the length of each field of each clip. */
  fieldLength: v.instance(Uint32Array),
  averageFieldLength: v.array(v.number()),
  /** Number of terms. */
  termCount: v.number(),
  /** The term tree in pre-order: each node's number of edges, then per edge its label ('' = the term's data). */
  shape: v.instance(Uint32Array),
  labels: v.array(v.string()),
  /** termCount × fields + 1 offsets into docs/freqs, terms in the tree's pre-order. */
  offsets: v.instance(Uint32Array),
  docs: v.instance(Uint32Array),
  freqs: v.instance(Uint16Array),
});

export type PackedIndex = v.InferOutput<typeof packedIndexSchema>;

export function packIndex(index: IndexInternals, fields: string[]): PackedIndex {
  const fieldCount = fields.length;
  const fieldIds = fields.map((field) => index._fieldIds[field]);
  const ids = Array.from({ length: index._nextId }, () => '');
  for (const [shortId, id] of index._documentIds) ids[shortId] = String(id);
  const fieldLength = new Uint32Array(index._nextId * fieldCount);
  for (const [shortId, lengths] of index._fieldLength) {
    if (!index._documentIds.has(shortId)) continue;
    fieldIds.forEach((fieldId, f) => (fieldLength[shortId * fieldCount + f] = lengths[fieldId] ?? 0));
  }
  const shape: number[] = [];
  const labels: string[] = [];
  const offsets: number[] = [0];
  let termCount = 0;
  let docs = new Uint32Array(1 << 16);
  let freqs = new Uint16Array(1 << 16);
  let at = 0;
  const ensureRoom = (extra: number) => {
    if (at + extra <= docs.length) return;
    const size = Math.max(docs.length * 2, at + extra);
    docs = grow(docs, new Uint32Array(size));
    freqs = grow(freqs, new Uint16Array(size));
  };
  const addPostings = (data: TermData) => {
    termCount++;
    // A term no search or edit has read since the index was restored: copy its packed postings.
    const source = data instanceof PackedTermData ? data.source() : null;
    if (source && source.fieldIds.join() === fieldIds.join()) {
      fieldIds.forEach((_, f) => {
        const start = source.packed.offsets[source.first + f];
        const end = source.packed.offsets[source.first + f + 1];
        ensureRoom(end - start);
        for (let i = start; i < end; i++) {
          const docId = source.packed.docs[i];
          if (!index._documentIds.has(docId)) continue;
          docs[at] = docId;
          freqs[at++] = source.packed.freqs[i];
        }
        offsets.push(at);
      });
      return;
    }
    for (const fieldId of fieldIds) {
      const postings = data.get(fieldId);
      if (postings) {
        ensureRoom(postings.size);
        for (const [docId, freq] of postings) {
          // Discarded clips stay in the postings until a vacuum: leave them out here.
          if (!index._documentIds.has(docId)) continue;
          docs[at] = docId;
          freqs[at++] = Math.min(freq, 0xffff);
        }
      }
      offsets.push(at);
    }
  };
  const walk = (node: TreeNode) => {
    shape.push(node.size);
    for (const [label, child] of node) {
      labels.push(label);
      if (label === '') addPostings(child as TermData);
      else walk(child as TreeNode);
    }
  };
  walk(index._index._tree);
  return {
    fields: [...fields],
    documentCount: index._documentCount,
    nextId: index._nextId,
    dirtCount: 0,
    ids,
    fieldLength,
    averageFieldLength: fieldIds.map((fieldId) => index._avgFieldLength[fieldId] ?? 0),
    termCount,
    shape: Uint32Array.from(shape),
    labels,
    offsets: Uint32Array.from(offsets),
    docs: docs.slice(0, at),
    freqs: freqs.slice(0, at),
  };
}

/**
 * Fill an empty index (made with the same fields and options) from a packed one. Throws on data
 * that does not hold together; the caller then builds the index anew.
 */
export function unpackIndex(index: IndexInternals, fields: string[], packed: PackedIndex): void {
  checkPacked(packed, fields);
  const fieldCount = fields.length;
  const fieldIds = fields.map((field) => index._fieldIds[field]);
  index._documentCount = packed.documentCount;
  index._nextId = packed.nextId;
  index._dirtCount = 0;
  packed.ids.forEach((id, shortId) => {
    if (!id) return;
    index._documentIds.set(shortId, id);
    index._idToShortId.set(id, shortId);
    const lengths: number[] = [];
    fieldIds.forEach((fieldId, f) => (lengths[fieldId] = packed.fieldLength[shortId * fieldCount + f]));
    index._fieldLength.set(shortId, lengths);
  });
  index._avgFieldLength = [];
  fieldIds.forEach((fieldId, f) => (index._avgFieldLength[fieldId] = packed.averageFieldLength[f]));
  index._index._tree = unpackTree(packed, fieldIds);
  index._index._size = undefined;
}

/** The term tree, nested Maps as SearchableMap keeps them, each term's data still packed. */
function unpackTree(packed: PackedIndex, fieldIds: number[]): TreeNode {
  const { shape, labels } = packed;
  let s = 0;
  let l = 0;
  let t = 0;
  const node = (depth: number): TreeNode => {
    if (s >= shape.length || depth > 1000) throw new Error('Stored search index: a damaged term tree.');
    const out: TreeNode = new Map();
    for (let count = shape[s++]; count > 0; count--) {
      if (l >= labels.length) throw new Error('Stored search index: a damaged term tree.');
      const label = labels[l++];
      if (label === '') {
        if (t >= packed.termCount) throw new Error('Stored search index: more terms than postings.');
        out.set('', new PackedTermData(packed, t++ * fieldIds.length, fieldIds));
      } else out.set(label, node(depth + 1));
    }
    return out;
  };
  const tree = node(0);
  if (s !== shape.length || l !== labels.length || t !== packed.termCount) throw new Error('Stored search index: a damaged term tree.');
  return tree;
}

function checkPacked(packed: PackedIndex, fields: string[]): void {
  const fail = (what: string) => {
    throw new Error(`Stored search index: ${what}.`);
  };
  if (packed.fields.join('\u0000') !== fields.join('\u0000')) fail('other fields');
  if (packed.ids.length !== packed.nextId || packed.fieldLength.length !== packed.nextId * fields.length) fail('wrong lengths');
  if (packed.offsets.length !== packed.termCount * fields.length + 1) fail('wrong offsets');
  if (packed.docs.length !== packed.freqs.length || packed.offsets[packed.offsets.length - 1] !== packed.docs.length) fail('wrong postings');
  for (let i = 1; i < packed.offsets.length; i++) if (packed.offsets[i] < packed.offsets[i - 1]) fail('offsets out of order');
  const { docs, ids, nextId } = packed;
  for (let i = 0; i < docs.length; i++) if (docs[i] >= nextId || !ids[docs[i]]) fail('a posting of no clip');
  if (packed.documentCount !== packed.ids.filter(Boolean).length) fail('wrong clip count');
}

function grow<T extends Uint32Array | Uint16Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** Where a term's postings are packed: field `f` (of `fieldIds`) at offsets[first + f] up to offsets[first + f + 1]. */
export interface PackedSource {
  packed: PackedIndex;
  first: number;
  fieldIds: number[];
}

/**
 * Where the postings of `data` (a term's field → postings map) are packed, read in place
 * while they are not decoded; null once they are (then use the map).
 */
export function packedSource(data: Map<number, Map<number, number>>): PackedSource | null {
  return data instanceof PackedTermData ? data.source() : null;
}

/**
 * A term's field → (short id → frequency) map that decodes its packed postings on first use.
 * MiniSearch and RankedIndex only use it as a Map (get/set/iterate); every read decodes first.
 */
class PackedTermData extends Map<number, Map<number, number>> {
  #source: PackedSource | null;

  constructor(packed: PackedIndex, first: number, fieldIds: number[]) {
    super();
    this.#source = { packed, first, fieldIds };
  }

  /** Where its postings are packed, while they are not decoded yet. */
  source(): PackedSource | null {
    return this.#source;
  }

  #decode(): void {
    const source = this.#source;
    if (!source) return;
    this.#source = null;
    const { packed, first, fieldIds } = source;
    fieldIds.forEach((fieldId, f) => {
      const start = packed.offsets[first + f];
      const end = packed.offsets[first + f + 1];
      if (end === start) return;
      const postings = new Map<number, number>();
      for (let i = start; i < end; i++) postings.set(packed.docs[i], packed.freqs[i]);
      super.set(fieldId, postings);
    });
  }

  override get(key: number) {
    this.#decode();
    return super.get(key);
  }
  override has(key: number) {
    this.#decode();
    return super.has(key);
  }
  override set(key: number, value: Map<number, number>) {
    this.#decode();
    return super.set(key, value);
  }
  override delete(key: number) {
    this.#decode();
    return super.delete(key);
  }
  override clear() {
    this.#source = null;
    super.clear();
  }
  override get size() {
    this.#decode();
    return super.size;
  }
  override forEach(callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown) {
    this.#decode();
    super.forEach(callback, thisArg);
  }
  override entries() {
    this.#decode();
    return super.entries();
  }
  override keys() {
    this.#decode();
    return super.keys();
  }
  override values() {
    this.#decode();
    return super.values();
  }
  override [Symbol.iterator]() {
    this.#decode();
    return super[Symbol.iterator]();
  }
}
