// A relay process killed with SIGKILL right after acknowledging edits keeps every one of
// them: write, wait for the acknowledgement, kill -9, start again on the same file, read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createRelayAdmin } from '@knipsel/core/relay';
import { connectDoc, dossierName, freePort, newDossierDoc, rename, startRelayProcess, type RelayProcess } from './relay-test-support.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startProcess(port: number, db: string): Promise<RelayProcess> {
  const relay = await startRelayProcess({ port, args: ['--db', db] });
  cleanups.push(() => relay.kill());
  return relay;
}

it('keeps every acknowledged edit across kill -9 and restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'relay.sqlite');
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;

  let relay = await startProcess(port, db);
  const id = 'restartdossier01';
  const { ownerSecret } = await createRelayAdmin(url).register(id);
  const doc = newDossierDoc(id, 'Voor de herstart');
  const session = connectDoc(doc, url, id, ownerSecret);
  cleanups.push(() => session.destroy());
  await session.whenAcknowledged();

  // Many small acknowledged edits, the last one just before the kill (no time to compact).
  const dossier = createDossier(doc);
  const clipIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    clipIds.push(dossier.clips.add({ capture: makeCapture(), note: `Reflectie ${i}` }));
  }
  rename(doc, 'Na twintig notities');
  await session.whenAcknowledged();

  await relay.kill();
  session.destroy();

  relay = await startProcess(port, db);
  const reader = new Y.Doc();
  const readerSession = connectDoc(reader, url, id, ownerSecret);
  cleanups.push(() => readerSession.destroy());
  await readerSession.whenAcknowledged();
  expect(dossierName(reader)).toBe('Na twintig notities');
  const clips = createDossier(reader).clips;
  for (const [i, clipId] of clipIds.entries()) expect(clips.noteText(clipId).toString()).toBe(`Reflectie ${i}`);
  expect(Y.encodeStateVector(reader)).toEqual(Y.encodeStateVector(doc));
  await relay.stop();
});
