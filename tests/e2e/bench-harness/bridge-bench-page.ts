// The baseline page of the bridge row of `npm run bench` (bench/bridge-bench.ts): two tabs of
// this page on one plain origin. The sender sets the same capture into a plain Y.Doc (one
// Y.Map per clip, as core's layout does) and posts the Yjs update over a BroadcastChannel;
// the receiver applies it to its own Y.Doc and shows the clip's title as an <h2> in its
// list (where bench/bridge-bench.ts watches for it, as in the app) — raw Yjs over the cheapest
// cross-tab channel, no checks, no storage. Times are
// epoch milliseconds with sub-ms precision (performance.timeOrigin + performance.now()),
// comparable across the pages of one browser.
import * as Y from 'yjs';
import { expose } from './expose.js';

const epoch = () => performance.timeOrigin + performance.now();
const doc = new Y.Doc();
const clips = doc.getMap<Y.Map<unknown>>('clips');
let channel: BroadcastChannel | null = null;

const bench = {
  /** Join the channel; the receiver renders every clip title that arrives. */
  open(role: 'sender' | 'receiver') {
    channel = new BroadcastChannel('knipsel-bridge-bench');
    if (role === 'receiver') {
      channel.onmessage = (event: MessageEvent<Uint8Array>) => Y.applyUpdate(doc, event.data, 'remote');
      const list = document.body.appendChild(Object.assign(document.createElement('ul'), { className: 'clips' }));
      clips.observe((event) => {
        for (const key of event.keysChanged) {
          const clip = clips.get(key);
          if (!clip) continue;
          const item = document.createElement('li');
          const title = document.createElement('h2');
          title.textContent = String(clip.get('title'));
          item.append(title);
          list.prepend(item);
        }
      });
    } else {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') channel!.postMessage(update);
      });
    }
  },

  /** Sender: store one clip with this capture and title; returns when it started and the update's size. */
  send(capture: Record<string, unknown>, title: string): { at: number; bytes: number } {
    let bytes = 0;
    const count = (update: Uint8Array) => (bytes += update.byteLength);
    doc.on('update', count);
    const at = epoch();
    doc.transact(() => {
      const clip = new Y.Map<unknown>();
      clip.set('capture', capture);
      clip.set('title', title);
      clip.set('note', new Y.Text());
      clip.set('themes', new Y.Array<string>());
      clip.set('createdAt', Date.now());
      clips.set(crypto.randomUUID(), clip);
    });
    doc.off('update', count);
    return { at, bytes };
  },
};

declare global {
  interface Window {
    knipselBridgeBench: typeof bench;
    knipselBridgeBenchReady: boolean;
  }
}
expose('knipselBridgeBench', bench);
