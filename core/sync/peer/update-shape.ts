// The dossier-shape check for updates from peers: every item an update inserts must sit
// where doc-layout.ts puts things and hold the kind of value that belongs there. Runs on
// the peer mirror doc *after* the update was integrated there, so each item's parent and
// key are known exactly (an encoded item often names only its left neighbour, not its
// parent) — including items whose dependencies arrived later.
//
// What it checks (enough that readers and projections never meet a foreign shape):
//   root types     only meta, presets, frameworks, themes, clips, comments, handIns,
//                  feedback, and the learning plan's guides, leervragen, periods, ratings,
//                  growth (learning-shape.ts: checked against their valibot schemas);
//                  only map entries
//   meta/<key>     a primitive (string ≤ 2,000 characters, number, boolean, null)
//   presets/<id>   a boolean
//   comments/<id>, handIns/<id>, feedback/<id>   a plain object (nothing nested) that fits its
//                  stored schema (core/together/together-schema.ts)
//   frameworks/<id>, themes/<id>, clips/<id>   a Y.Map
//   clips/<id>/…   capture: an object; title: string; note: Y.Text; themes, highlights:
//                  Y.Map; trashedAt: number|null; createdAt, updatedAt: numbers;
//                  reflection:<id>: a Y.Map; any other field: a plain value
//   clips/<id>/themes/<theme>  true;  clips/<id>/highlights/<id>  a Y.Map
//   anywhere       no sub-documents, no binary, no XML types
// Deletions are not checked: in a peer-to-peer group every member may delete.
import * as Y from 'yjs';
import { checkLearningItem, learningRootNames } from './learning-shape.js';
import * as v from 'valibot';
import { storedCommentSchema, storedFeedbackSchema, storedHandInSchema } from '../../together/together-schema.js';

/** Roots of plain entries written once each (core/together), with the schema each entry fits. */
const plainRootSchemas: Record<string, v.GenericSchema> = { comments: storedCommentSchema, handIns: storedHandInSchema, feedback: storedFeedbackSchema };
const plainRoots = Object.keys(plainRootSchemas);
const learningRoots = new Set(learningRootNames);
const rootNames = new Set(['meta', 'presets', 'frameworks', 'themes', 'clips', ...plainRoots, ...learningRoots]);
const maxMetaString = 2_000;
/** How far up a path the rules look; deeper items only pass the "anywhere" rule. */
const maxDepth = 4;

type Kind = 'map' | 'text' | 'array' | 'xml' | 'any' | 'string' | 'deleted' | 'format' | 'embed' | 'binary' | 'doc' | 'json' | 'other';

function kindOf(content: unknown): Kind {
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment || type instanceof Y.XmlHook || type instanceof Y.XmlText) {
      return 'xml';
    }
    if (type instanceof Y.Map) return 'map';
    if (type instanceof Y.Text) return 'text';
    if (type instanceof Y.Array) return 'array';
    return 'xml';
  }
  if (content instanceof Y.ContentAny) return 'any';
  if (content instanceof Y.ContentString) return 'string';
  if (content instanceof Y.ContentDeleted) return 'deleted';
  if (content instanceof Y.ContentFormat) return 'format';
  if (content instanceof Y.ContentEmbed) return 'embed';
  if (content instanceof Y.ContentBinary) return 'binary';
  if (content instanceof Y.ContentDoc) return 'doc';
  if (content instanceof Y.ContentJSON) return 'json';
  return 'other';
}

/** Root name and map keys from the root down to the item itself, e.g. ['clips', id, 'note']. */
interface Location {
  root: string;
  /** Keys below the root; null where a segment is a list/text position, not a map key. */
  keys: (string | null)[];
  /** True when the path was cut at maxDepth. */
  deep: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function locate(item: Y.Item): Location | null {
  const keys: (string | null)[] = [item.parentSub];
  let type = item.parent as AnyType | null;
  let depth = 0;
  while (type && type._item) {
    if (++depth > maxDepth) return { root: '', keys, deep: true };
    keys.unshift(type._item.parentSub);
    type = type._item.parent as AnyType | null;
  }
  if (!type) return null;
  return { root: Y.findRootTypeKey(type), keys, deep: false };
}

function anyValues(content: unknown): unknown[] {
  return (content as Y.ContentAny).arr;
}

function isPrimitive(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= maxMetaString;
  return false;
}

const clipFields: Record<string, (kind: Kind, content: unknown) => boolean> = {
  capture: (k, c) => k === 'any' && anyValues(c).every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)),
  title: (k, c) => k === 'any' && anyValues(c).every((x) => typeof x === 'string'),
  note: (k) => k === 'text',
  themes: (k) => k === 'map',
  highlights: (k) => k === 'map',
  trashedAt: (k, c) => k === 'any' && anyValues(c).every((x) => x === null || typeof x === 'number'),
  createdAt: (k, c) => k === 'any' && anyValues(c).every((x) => typeof x === 'number'),
  updatedAt: (k, c) => k === 'any' && anyValues(c).every((x) => typeof x === 'number'),
};

/** Null when the item may stand where it stands, else why not. */
function checkItem(item: Y.Item, content: unknown): string | null {
  const kind = kindOf(content);
  if (kind === 'deleted') return null;
  if (kind === 'doc' || kind === 'binary' || kind === 'xml' || kind === 'other') return `${kind} content is not part of a dossier`;
  const where = locate(item);
  if (!where) return 'item without a parent';
  if (where.deep) return null;
  if (!rootNames.has(where.root)) return `unknown root type "${where.root.slice(0, 40)}"`;
  const [k1, k2, , k4] = where.keys;
  if (k1 === null) return `list content directly in the ${where.root} map`;
  if (learningRoots.has(where.root)) return checkLearningItem({ root: where.root, keys: where.keys, kind, values: kind === 'any' ? anyValues(content) : [] });
  if (where.keys.length === 1) {
    switch (where.root) {
      case 'meta':
        return kind === 'any' && anyValues(content).every(isPrimitive) ? null : `meta.${k1.slice(0, 40)} is not a short primitive`;
      case 'presets':
        return kind === 'any' && anyValues(content).every((x) => typeof x === 'boolean') ? null : 'preset flag is not a boolean';
      case 'comments':
      case 'handIns':
      case 'feedback':
        return kind === 'any' && anyValues(content).every((x) => v.is(plainRootSchemas[where.root], x)) ? null : `${where.root} entry does not fit its schema`;
      default:
        return kind === 'map' ? null : `${where.root} entry is not a map`;
    }
  }
  if (where.root === 'meta' || where.root === 'presets' || plainRoots.includes(where.root)) return `nested content in ${where.root}`;
  if (where.root !== 'clips') {
    // frameworks/<id>/<field>: plain values only.
    return where.keys.length === 2 && kind !== 'any' ? `${where.root} field is not a plain value` : null;
  }
  if (where.keys.length === 2) {
    if (k2 === null) return 'list content in a clip map';
    const rule = clipFields[k2];
    if (rule) return rule(kind, content) ? null : `clip field "${k2}" has the wrong kind`;
    // A guided reflection (evidence-layout.ts): a Y.Map under its own key.
    if (k2.startsWith('reflection:')) return kind === 'map' ? null : 'reflection is not a map';
    return kind === 'any' ? null : `unknown clip field "${k2.slice(0, 40)}" is not a plain value`;
  }
  if (where.keys.length === 3) {
    if (k2 === 'themes') return kind === 'any' && anyValues(content).every((x) => x === true) ? null : 'theme tag is not `true`';
    if (k2 === 'highlights') return kind === 'map' ? null : 'highlight is not a map';
    if (k2 === 'note') return kind === 'string' || kind === 'format' || kind === 'embed' ? null : 'note holds non-text content';
    return null;
  }
  if (where.keys.length === 4 && k2 === 'highlights' && k4 !== null) {
    return kind === 'any' ? null : 'highlight field is not a plain value';
  }
  return null;
}

/**
 * Check an update that `mirror` has just integrated (call from its `update` handler).
 * Returns null when every inserted item fits the dossier layout, else the first reason.
 */
export function checkDossierUpdate(update: Uint8Array, mirror: Y.Doc): string | null {
  let structs: Array<Y.Item | Y.GC | Y.Skip>;
  try {
    structs = Y.decodeUpdate(update).structs as Array<Y.Item | Y.GC | Y.Skip>;
  } catch {
    return 'undecodable update';
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    let live: Y.Item | Y.GC;
    try {
      live = Y.getItem(mirror.store, struct.id) as Y.Item | Y.GC;
    } catch {
      // Not integrated (still pending in the mirror): it will be checked when it is.
      continue;
    }
    if (!(live instanceof Y.Item)) continue; // garbage-collected: deleted content
    const problem = checkItem(live, struct.content);
    if (problem) return problem;
  }
  return null;
}

/**
 * The same check for a transaction the mirror has just integrated (its `update` handler's
 * fourth argument), without decoding anything: the items it added are read from the store
 * from the transaction's state before it to the store's end. These are exactly the structs Yjs
 * encodes into that transaction's update (every client's structs from its clock before
 * the transaction on), so the update that goes on is checked item for item.
 */
export function checkDossierTransaction(transaction: Y.Transaction): string | null {
  for (const [client, structs] of transaction.doc.store.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= before) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (!(struct instanceof Y.Item)) continue; // garbage-collected: deleted content
      const problem = checkItem(struct, struct.content);
      if (problem) return problem;
    }
  }
  return null;
}
