// Backups that are refused: bad files of every kind, files over the size limit, states the
// payload cannot make, bombs, and fuzzed files — refused with a KnipselError, nothing changed.
import fc from 'fast-check';
import { deflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { isKnipselError, KnipselError } from '../errors.js';
import { checkBackupSize, createBackup, maxBackupBytes, maxStateBytes, readBackup } from './backup.js';
import { mergeBackupFile, restoreBackupFileAsNew } from './restore.js';
import { backupOfDeflated, deflatedZeros } from '../testing/bombs.js';
import { makeTestDossier } from '../testing/dossier.js';
import { concatParts } from '../sync/frames/stream-frames.js';
import { newLibrary } from '../testing/bridge-rig.js';

const enc = new TextEncoder();

async function rejection(promise: Promise<unknown>): Promise<KnipselError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KnipselError);
  return error as KnipselError;
}

/** Replace the header line of a backup file (to fake other versions). */
function withHeader(file: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const text = new TextDecoder().decode(file.subarray(0, 4096));
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const header = JSON.parse(text.slice(first + 1, second));
  edit(header);
  const head = enc.encode(`KNIPSEL-BACKUP\n${JSON.stringify(header)}\n`);
  const headerEnd = enc.encode(text.slice(0, second + 1)).length;
  const out = new Uint8Array(head.length + file.length - headerEnd);
  out.set(head);
  out.set(file.subarray(headerEnd), head.length);
  return out;
}

describe('backup refusals', () => {
  it('refuses every kind of bad file with a Dutch message and changes nothing', async () => {
    const library = newLibrary();
    const existing = await library.create('Bestaand');
    const open = await library.open(existing.id);
    open.dossier.clips.add({ capture: makeCapture() });
    await open.flush();
    const snapshot = Y.encodeStateAsUpdate(open.doc);
    const records = (await library.list()).map((r) => r.id);

    const { dossier } = makeTestDossier();
    const good = await createBackup(dossier);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const cases: [string, Uint8Array, RegExp, string][] = [
      ['empty', new Uint8Array(0), /leeg/, 'empty'],
      ['png', png, /geen Knipsel-back-up, maar een afbeelding \(PNG\)/, 'wrong-type'],
      ['text', enc.encode('Boodschappenlijst: melk, brood'), /geen Knipsel-back-up/, 'wrong-type'],
      ['zip of something else', zipSync({ 'notes.md': enc.encode('# hoi') }), /zip-bestand/, 'wrong-type'],
      ['truncated magic', good.subarray(0, 8), /onvolledig/, 'truncated'],
      ['truncated header', good.subarray(0, 40), /onvolledig/, 'truncated'],
      ['truncated payload', good.subarray(0, good.length - 10), /onvolledig/, 'truncated'],
      ['corrupt payload', flipByte(good, good.length - 20), /beschadigd/, 'corrupt'],
      ['corrupt header', withHeader(good, (h) => (h.clipCount = 'veel')), /beschadigd/, 'corrupt'],
      ['header lies about the dossier', withHeader(good, (h) => ((h.dossier as { id: string }).id = 'ander')), /beschadigd/, 'corrupt'],
      [
        'newer format',
        withHeader(good, (h) => ((h.format = 3), (h.appVersion = '2.0.0'))),
        /^Deze back-up is gemaakt met Knipsel 2\.0\.0, een nieuwere versie \(back-upformaat 3\)\. Werk Knipsel bij naar versie 2\.0\.0 of nieuwer/,
        'newer-version',
      ],
      ['newer schema', withHeader(good, (h) => (h.schemaVersion = 99)), /nieuwere versie van Knipsel.*dossierindeling 99/, 'newer-version'],
      ['valid checksum, not a dossier', await fakeBackup(Y.encodeStateAsUpdate(new Y.Doc())), /geen geldig Knipsel-dossier/, 'not-a-dossier'],
      ['valid checksum, garbage state', await fakeBackup(new Uint8Array([1, 2, 3, 250, 7, 9, 9])), /beschadigd/, 'corrupt'],
      ['valid checksum, inflates larger than declared', await fakeBackup(new Uint8Array(5000), { stateBytes: 100 }), /beschadigd/, 'corrupt'],
    ];
    for (const [what, bytes, nl, reason] of cases) {
      const error = await rejection(readBackup(bytes));
      expect({ what, nl: error.details.nl, reason: error.details.reason }).toEqual({ what, nl: expect.stringMatching(nl), reason });
      expect(error.code).toBe(reason === 'newer-version' ? 'newer-version' : 'invalid-input');
      // The whole restore flows refuse it too, before touching anything.
      await rejection(restoreBackupFileAsNew(library, bytes));
      await rejection(mergeBackupFile(open.dossier, bytes, { allowDifferentDossier: true }));
    }
    // A dossier state from a newer schema inside a valid container.
    const newer = new Y.Doc();
    initDossierDoc(newer, { id: 'x', name: 'Toekomst' });
    newer.getMap('meta').set('schemaVersion', 99);
    const newerFile = await fakeBackup(Y.encodeStateAsUpdate(newer), { schemaVersion: 1 });
    const newerError = await rejection(readBackup(newerFile));
    await rejection(mergeBackupFile(open.dossier, newerFile, { allowDifferentDossier: true }));
    expect(newerError.code).toBe('newer-version');
    expect(newerError.details.nl).toMatch(/werk Knipsel bij/);

    expect(Y.encodeStateAsUpdate(open.doc)).toEqual(snapshot);
    expect((await library.list()).map((r) => r.id)).toEqual(records);
  });

  it('refuses files above the size limit before reading them', () => {
    const error = (() => {
      try {
        checkBackupSize(maxBackupBytes + 1);
      } catch (e) {
        return e as KnipselError;
      }
    })();
    expect(error?.details).toMatchObject({ reason: 'too-large', nl: expect.stringMatching(/te groot \(200 MB\); Knipsel opent back-ups tot 200 MB/) });
  });

  it('reads a valid backup of tens of megabytes', async () => {
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'groot', name: 'Groot dossier' });
    const dossier = createDossier(doc);
    const random = fc.sample(fc.uint8Array({ minLength: 600_000, maxLength: 600_000 }), { numRuns: 1, seed: 7 })[0];
    const noise = Array.from(random, (b) => String.fromCharCode(0x30 + (b % 75))).join('');
    for (let i = 0; i < 8; i++) {
      const html = noise.repeat(4).slice(i * 13, i * 13 + 2_400_000);
      dossier.clips.add({ capture: makeCapture({ html, text: html.slice(0, 100_000), markdown: html.slice(0, 100_000) }) });
    }
    const file = await createBackup(dossier);
    expect(file.length).toBeGreaterThan(10 * 1024 * 1024);
    const backup = await readBackup(file);
    expect(backup.header.clipCount).toBe(8);
  });

  it('refuses a declared state its payload cannot plausibly make, before inflating anything', async () => {
    const good = await createBackup(makeTestDossier().dossier);
    const huge = withHeader(good, (h) => (h.stateBytes = (h.payloadBytes as number) * 100 + 64 * 1024 + 1));
    const error = await rejection(readBackup(huge));
    expect(error.details).toMatchObject({ reason: 'corrupt', why: 'declared state too large for its payload', nl: expect.stringMatching(/^De back-up is beschadigd/) });
    const none = withHeader(await createBackup(makeTestDossier().dossier, { compress: false }), (h) => (h.stateBytes = (h.stateBytes as number) + 1));
    expect((await rejection(readBackup(none))).details.why).toBe('state size mismatch');
  });

  it('stops a payload that inflates to more than it declares within one step of input', async () => {
    // A payload of about 1 MB that inflates to 1 GiB; the header declares 1 KiB, checksum right.
    const bomb = await backupOfDeflated(deflatedZeros(1024 * 1024 * 1024), 1024);
    const error = await rejection(readBackup(bomb));
    expect(error.details).toMatchObject({ reason: 'corrupt', why: 'inflates to more than declared' });
    expect(error.details.consumed).toBe(1024); // one step of input for a declared 1 KiB
    expect(error.details.produced).toBeLessThanOrEqual(1024 * 1032);
    expect(bomb.length).toBeGreaterThan(1_000_000);
  });

  it('refuses a 786 KB payload declaring a 768 MiB state before allocating anything for it', async () => {
    const payload = deflatedZeros(768 * 1024 * 1024);
    expect(payload.length).toBeLessThan(800_000);
    const error = await rejection(readBackup(await backupOfDeflated(payload, maxStateBytes)));
    expect(error.details).toMatchObject({ reason: 'corrupt', why: 'declared state too large for its payload', stateBytes: maxStateBytes });
  });

  it('fuzz: a mutated or truncated backup is either read whole or refused with a KnipselError', async () => {
    const { dossier } = makeTestDossier();
    const files = [await createBackup(dossier), await createBackup(dossier, { compress: false })];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('splice-header' as const), at: fc.integer({ min: 15, max: 400 }), value: fc.integer({ min: 0, max: 255 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        let bytes = files[which];
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
          else if (m.kind === 'insert') bytes = concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
          else if (at < bytes.length) bytes = flipByte(bytes, at, m.value);
        }
        try {
          const backup = await readBackup(bytes);
          expect(backup.header.dossier.id).toBe('dossier-1');
          expect(createDossier(docFrom(backup.state)).clips.count()).toBe(4);
        } catch (error) {
          if (!isKnipselError(error)) throw error;
          expect(typeof error.details.nl).toBe('string');
        }
      }),
      { numRuns: 300, seed: 20250314 },
    );
  });
});

function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

function flipByte(bytes: Uint8Array, at: number, value?: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value ?? copy[at] ^ 0xff;
  return copy;
}

const concat = (...parts: Uint8Array[]) => concatParts(parts);

/** A well-formed container around an arbitrary state (valid checksum), to test the state checks. */
async function fakeBackup(state: Uint8Array, overrides: Record<string, unknown> = {}): Promise<Uint8Array> {
  const payload = deflateSync(state);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', payload));
  const header = {
    format: 1,
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    appVersion: null,
    dossier: { id: 'x', name: 'X', kind: 'personal', course: '', assessedFrameworkId: null, createdAt: 0, schemaVersion: 1 },
    clipCount: 0,
    compression: 'deflate',
    payloadBytes: payload.length,
    stateBytes: state.length,
    sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
    ...overrides,
  };
  return concat(enc.encode(`KNIPSEL-BACKUP\n${JSON.stringify(header)}\n`), payload);
}
