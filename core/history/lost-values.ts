// Which values of a map key a transaction made disappear without anyone having chosen to
// replace them: the losers of concurrent writes. Yjs keeps every write of a map key as an
// item in a chain; each new item names the item its author saw (`origin`). A value is
// replaced knowingly when a later item names it as its origin; a value that this
// transaction inserted or deleted and that nobody saw before replacing it was lost to a
// concurrent write. This holds on both sides of a conflict: where the other value wins,
// ours is deleted here; where ours wins, theirs arrives already deleted. A loser that its
// author's replica already garbage-collected arrives without content: then the conflict is
// known here but only the loser's side can name the lost value (value `undefined` here).
import * as Y from 'yjs';
import { isNewIn } from './before-values.js';

/** How far back along a key's chain of writes to look (a burst of writes is short). */
const maxSteps = 64;

const sameId = (a: Y.ID | null, b: Y.ID) => a !== null && a.client === b.client && a.clock === b.clock;

export interface LostValue {
  /** The value, or undefined when it arrived already collected (see above). */
  value: unknown;
  /** The client that wrote the lost value. */
  client: number;
}

/** Values of `map[key]` that `transaction` made disappear without being seen (see above). */
export function lostValues(transaction: Y.Transaction, map: Y.Map<unknown>, key: string): LostValue[] {
  const current = map._map.get(key) ?? null;
  const chain: Y.Item[] = [];
  for (let item: Y.Item | null = current; item && chain.length < maxSteps; item = item.left) chain.push(item);
  const lost: LostValue[] = [];
  chain.forEach((item, index) => {
    if (!item.deleted || item === current) return;
    const touched = isNewIn(transaction, item) || Y.isDeleted(transaction.deleteSet, item.id);
    if (!touched) return;
    const seen = chain.slice(0, index).some((later) => sameId(later.origin, item.id));
    if (seen) return;
    const content = item.content.getContent();
    lost.push({ value: content.length > 0 ? content[content.length - 1] : undefined, client: item.id.client });
  });
  return lost;
}
