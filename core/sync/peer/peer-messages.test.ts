import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createChunkJoiner, createChunkSender, splitMessage } from '../frames/chunking.js';
import { checkPeerMessage, messageAwareness, messageBcPeerId, messageQueryAwareness } from './peer-messages.js';
import { checkPresence } from './presence.js';

const me = 4242;
const ctx = { channel: 'webrtc' as const, ownClientId: me };
const alice = { name: 'Alice de Vries', colour: '#3366cc', view: { screen: 'clip', clipId: 'abc123' } };

function awarenessMessage(entries: Array<[number, number, unknown]>, raw?: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, raw ?? JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, messageAwareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe('presence schema', () => {
  it('accepts exactly name, colour and view', () => {
    expect(checkPresence(alice)).toEqual(alice);
    expect(checkPresence({ ...alice, view: { screen: 'library' } })).not.toBeNull();
  });
  it('rejects everything else', () => {
    expect(checkPresence({ ...alice, name: 'x'.repeat(61) })).toBeNull();
    expect(checkPresence({ ...alice, name: '   ' })).toBeNull();
    expect(checkPresence({ ...alice, colour: 'red' })).toBeNull();
    expect(checkPresence({ ...alice, colour: '#12345' })).toBeNull();
    expect(checkPresence({ ...alice, email: 'a@b.nl' })).toBeNull();
    expect(checkPresence({ ...alice, view: { screen: 'clip', clipId: 'x', scroll: 3 } })).toBeNull();
    expect(checkPresence({ ...alice, view: { screen: '<b>' } })).toBeNull();
    expect(checkPresence({ name: 'A', colour: '#000000' })).toBeNull();
    expect(checkPresence(null)).toBeNull();
    expect(checkPresence('Alice')).toBeNull();
  });
});

describe('peer message gate', () => {
  it('passes what y-webrtc itself sends', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('name', 'Dossier');
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(alice);
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, update);
    expect(checkPeerMessage(encoding.toUint8Array(encoder), ctx)).toEqual({ ok: true, kind: 'awareness' });
    expect(checkPeerMessage(new Uint8Array([messageQueryAwareness]), ctx)).toEqual({ ok: true, kind: 'query-awareness' });
    expect(checkPeerMessage(awarenessMessage([[7, 3, null]]), ctx).ok).toBe(true); // a peer leaving
    awareness.destroy();
  });

  it('drops awareness that breaks the schema or touches our own presence', () => {
    expect(checkPeerMessage(awarenessMessage([[7, 1, { ...alice, secret: 'x' }]]), ctx).ok).toBe(false);
    expect(checkPeerMessage(awarenessMessage([[7, 1, { ...alice, name: 'x'.repeat(100) }]]), ctx).ok).toBe(false);
    expect(checkPeerMessage(awarenessMessage([[me, 9, alice]]), { ...ctx, ownClock: 3 }).ok).toBe(false);
    expect(checkPeerMessage(awarenessMessage([[me, 9, null]]), { ...ctx, ownClock: 3 }).ok).toBe(false);
    // Peers relay our own state back to us (y-webrtc sends every known state): a no-op, allowed.
    expect(
      checkPeerMessage(
        awarenessMessage([
          [me, 3, alice],
          [7, 1, alice],
        ]),
        { ...ctx, ownClock: 3 },
      ).ok,
    ).toBe(true);
    expect(checkPeerMessage(awarenessMessage([[7, 1, null]], '{not json'), ctx).ok).toBe(false);
  });

  it('drops peer-id frames unless they come from another tab', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageBcPeerId);
    encoding.writeUint8(encoder, 1);
    encoding.writeVarString(encoder, '0f8fad5b-d9cb-469f-a165-70867728950e');
    const frame = encoding.toUint8Array(encoder);
    expect(checkPeerMessage(frame, ctx).ok).toBe(false);
    expect(checkPeerMessage(frame, { ...ctx, channel: 'broadcastchannel' }).ok).toBe(true);
  });

  it('never throws on random bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, bcChannel) => {
        const result = checkPeerMessage(bytes, { ownClientId: me, channel: bcChannel ? 'broadcastchannel' : 'webrtc' });
        expect(typeof result.ok).toBe('boolean');
      }),
      { seed: 5, numRuns: 5000 },
    );
    expect(checkPeerMessage('hallo', ctx).ok).toBe(false);
  });
});

describe('chunking', () => {
  it('splits large messages and joins them again', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 5000 }), fc.integer({ min: 16, max: 700 }), (message, size) => {
        const frames = splitMessage(message, 9, size);
        if (message.length <= size) {
          expect(frames).toEqual([message]);
          return;
        }
        const joiner = createChunkJoiner(1_000_000, size);
        const results = frames.map((f) => joiner.push(f));
        expect(results.slice(0, -1).every((r) => 'pending' in r)).toBe(true);
        expect(results.at(-1)).toEqual({ done: message });
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('drops a message whose chunks are out of order, too large or damaged', () => {
    const frames = splitMessage(new Uint8Array(1000).fill(1), 3, 100);
    const joiner = createChunkJoiner(1_000_000, 100);
    joiner.push(frames[0]);
    expect(joiner.push(frames[2])).toEqual({ rejected: 'chunk frame out of order' });
    expect(joiner.push(frames[3])).toMatchObject({ rejected: expect.any(String) });
    const small = createChunkJoiner(500, 100);
    const results = frames.map((f) => small.push(f));
    expect(results).toContainEqual({ rejected: 'chunked message too large' });
    expect(createChunkJoiner().push(frames[0].slice(0, 5))).toMatchObject({ rejected: expect.any(String) });
  });

  it('paces frames by the buffered amount and keeps their order', async () => {
    const sent: Uint8Array[] = [];
    let buffered = 2_000_000;
    const sender = createChunkSender(
      (f) => sent.push(f),
      () => buffered,
    );
    sender.send(new Uint8Array(200_000));
    sender.send(new Uint8Array([0, 2, 1, 0]));
    expect(sent.length).toBe(0);
    buffered = 0;
    await new Promise((r) => setTimeout(r, 30));
    expect(sent.length).toBe(5); // 4 chunks + the small message, in order
    expect(sent.at(-1)).toEqual(new Uint8Array([0, 2, 1, 0]));
    sender.close();
  });

  it('drops a frame the channel refuses (still handshaking) and sends later messages', () => {
    const sent: Uint8Array[] = [];
    let open = false;
    const sender = createChunkSender(
      (f) => {
        if (!open) throw new Error('RTCDataChannel.readyState is not open');
        sent.push(f);
      },
      () => 0,
    );
    sender.send(new Uint8Array([1, 1]));
    open = true;
    sender.send(new Uint8Array([0, 2, 1, 0]));
    expect(sent).toEqual([new Uint8Array([0, 2, 1, 0])]);
  });
});
