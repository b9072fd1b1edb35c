// The gate's decoder: every frame a provider sends passes; anything else is refused, and
// random bytes never throw (seeded property test).
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { checkClientMessage } from './client-messages.js';
import { frames } from './relay-test-support.js';

const name = 'dossier0000000001';

function awarenessFrame(state: unknown) {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown>);
  const e = encoding.createEncoder();
  encoding.writeVarString(e, name);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  return encoding.toUint8Array(e);
}

describe('checkClientMessage', () => {
  it('accepts what a provider sends', () => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('meta').set('name', 'Leergang');
    for (const frame of [frames.auth(name, 'token'), frames.syncStep1(name, doc), frames.update(name, update), awarenessFrame({ user: 'Sanne' }), awarenessFrame(null)]) {
      expect(checkClientMessage(frame)).toMatchObject({ ok: true, documentName: name });
    }
  });

  it('refuses truncated updates, trailing bytes, unknown types and odd awareness', () => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('meta').set('name', 'Leergang');
    const bad = [
      frames.update(name, update.slice(0, update.length - 2)),
      new Uint8Array([...frames.auth(name, 'token'), 0]),
      new Uint8Array([...frames.auth(name, '').slice(0, name.length + 1), 6]),
      new Uint8Array([...frames.auth(name, '').slice(0, name.length + 1), 8, 1]),
      awarenessFrame([1, 2, 3]),
      awarenessFrame({ big: 'x'.repeat(5000) }),
      frames.auth('', 'token'),
      frames.auth('x'.repeat(200), 'token'),
    ];
    for (const frame of bad) expect(checkClientMessage(frame).ok).toBe(false);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = checkClientMessage(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});
