// What a field held just before a transaction, read from the doc itself while the
// transaction's deleted content is still there (in `afterTransaction`, before garbage
// collection): an item existed before when the transaction did not insert it and it was not
// deleted earlier. So the history needs no copy of every clip, and opening a dossier of
// thousands of clips costs nothing here.
import * as Y from 'yjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

export function isNewIn(transaction: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
}

function existedBefore(transaction: Y.Transaction, item: Y.Item): boolean {
  return !isNewIn(transaction, item) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
}

/** The value of `map[key]` before the transaction (undefined: none). */
export function mapValueBefore(transaction: Y.Transaction, map: AnyType, key: string): unknown {
  for (let item: Y.Item | null = map._map.get(key) ?? null; item; item = item.left) {
    if (!existedBefore(transaction, item)) continue;
    const content = item.content.getContent();
    return content[content.length - 1];
  }
  return undefined;
}

/** The keys of a map used as a set (values `true`) before the transaction. */
export function setKeysBefore(transaction: Y.Transaction, map: AnyType): string[] {
  return [...(map._map as Map<string, Y.Item>).keys()].filter((key) => mapValueBefore(transaction, map, key) === true).sort();
}

/** The text of a Y.Text before the transaction. */
export function textBefore(transaction: Y.Transaction, text: Y.Text): string {
  let out = '';
  for (let item = text._start; item; item = item.right) {
    if (item.content instanceof Y.ContentString && existedBefore(transaction, item)) out += item.content.str;
  }
  return out;
}

/** Whether the map's own item was inserted by this transaction (a new clip, not an edit). */
export function isNewType(transaction: Y.Transaction, type: AnyType): boolean {
  return type._item !== null && isNewIn(transaction, type._item);
}
