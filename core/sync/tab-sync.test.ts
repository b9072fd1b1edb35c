import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attachTabSync, tabChannelName, type TabSync } from './tab-sync.js';

const open: TabSync[] = [];
let n = 0;
afterEach(() => {
  open.splice(0).forEach((s) => s.destroy());
});

function tab(name: string, base?: Uint8Array, rejects?: string[]): Y.Doc {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  open.push(attachTabSync(doc, new BroadcastChannel(name) as never, { onReject: (r) => rejects?.push(r) }));
  return doc;
}

const settle = () => new Promise((r) => setTimeout(r, 30));
const content = (doc: Y.Doc) => JSON.stringify([Object.keys(doc.getMap('tags').toJSON()).sort(), doc.getText('note').toString()]);

describe('tab sync', () => {
  it('converges concurrent edits of two tabs and overwrites nothing', async () => {
    const name = tabChannelName(`t${n++}`);
    const a = tab(name);
    const b = tab(name);
    await settle();
    a.getText('note').insert(0, 'Tab A schrijft. ');
    b.getText('note').insert(0, 'Tab B ook. ');
    a.getMap('tags').set('eigenaarschap', true);
    b.getMap('tags').set('leefwereld', true);
    await settle();
    expect(content(a)).toBe(content(b));
    expect(a.getText('note').toString()).toContain('Tab A schrijft.');
    expect(a.getText('note').toString()).toContain('Tab B ook.');
    expect(Object.keys(a.getMap('tags').toJSON()).sort()).toEqual(['eigenaarschap', 'leefwereld']);
  });

  it('catches up a tab that joins late, in both directions', async () => {
    const name = tabChannelName(`t${n++}`);
    const a = tab(name);
    a.getMap('tags').set('eerst', true);
    await settle();
    // B starts from an older stored state with an edit of its own not yet seen by A.
    const stale = new Y.Doc();
    stale.getMap('tags').set('alleen-in-b', true);
    const b = tab(name, Y.encodeStateAsUpdate(stale));
    await settle();
    expect(content(a)).toBe(content(b));
    expect(Object.keys(b.getMap('tags').toJSON()).sort()).toEqual(['alleen-in-b', 'eerst']);
  });

  it('ignores malformed messages and leaves the doc unchanged', async () => {
    const name = tabChannelName(`t${n++}`);
    const rejects: string[] = [];
    const a = tab(name, undefined, rejects);
    a.getMap('tags').set('x', true);
    await settle();
    const before = Y.encodeStateAsUpdate(a);
    const evil = new BroadcastChannel(name);
    evil.postMessage({ t: 'update', from: 'evil', update: new Uint8Array([1, 2, 3, 250, 7]) });
    evil.postMessage({ t: 'hello', from: 'evil', sv: new Uint8Array([9, 9, 9]) });
    evil.postMessage('garbage');
    evil.postMessage({ t: 'update', from: 'evil', update: 'not bytes' });
    await settle();
    evil.close();
    expect(Y.encodeStateAsUpdate(a)).toEqual(before);
    expect(rejects.length).toBeGreaterThanOrEqual(3);
  });

  it('stops when the doc is destroyed', async () => {
    const name = tabChannelName(`t${n++}`);
    const a = tab(name);
    const b = tab(name);
    await settle();
    b.destroy();
    a.getMap('tags').set('na', true);
    await settle();
    expect(b.getMap('tags').has('na')).toBe(false);
  });
});
