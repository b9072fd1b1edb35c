// The relay service over an in-memory library against a real relay in this process
// (server/relay): register as owner, invite with a role, join by link (the dossier arrives
// and is kept under its own id), and refusals that store nothing.
import { WebSocket } from 'ws';
import { afterEach, describe, expect, test } from 'vitest';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, isKnipselError } from '../../../../core/index.js';
import { makeCapture } from '../../../../core/dossier/test-fixtures.js';
import { parseRelayLink } from '../../../../core/sync/relay/index.js';
import { createRelay, type Relay } from '../../../../server/relay/create-relay.js';
import { createRelayService } from './relay-service.js';

const location = { origin: 'https://knipsel.example.nl' };
const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function device() {
  const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
  const service = createRelayService(library, { getPref: library.getPref, setPref: library.setPref }, { location, WebSocketPolyfill: WebSocket, joinTimeoutMs: 5000, log: () => undefined });
  open.push({ close: () => library.closeAll() });
  return { library, service };
}

async function relay(): Promise<Relay> {
  const started = await createRelay({ database: ':memory:' });
  open.push(started);
  return started;
}

const reason = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    return isKnipselError(error) ? String(error.details.reason) : String(error);
  }
};

describe('relay service', () => {
  test('the owner registers and invites; a read-only link brings the dossier to an assessor', async () => {
    const server = await relay();
    const owner = device();
    const record = await owner.library.create('Leergang Wijkgericht Werken', 'shared');
    const handle = await owner.library.open(record.id);
    const clipId = handle.dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), note: 'Wat bewoners zelf doen.' });

    const registered = await owner.service.register(record.id, server.wsUrl);
    expect(registered).toMatchObject({ owner: true, relayUrl: server.wsUrl });
    const session = await owner.service.connect(record.id, handle.doc, registered);
    open.push({ close: () => session.destroy() });
    await session.whenAcknowledged();

    const { link, info } = await owner.service.invite(record.id, 'Leergang Wijkgericht Werken', 'read-only', 'Assessor');
    expect(info).toMatchObject({ role: 'read-only', label: 'Assessor' });
    expect(JSON.stringify(info)).not.toContain(parseRelayLink(link).token);
    expect(link.startsWith('https://knipsel.example.nl/#/relay/')).toBe(true);
    expect(parseRelayLink(link)).toMatchObject({ dossierId: record.id, view: 'portfolio', relayUrl: server.wsUrl });
    expect((await owner.service.tokens(record.id)).map((t) => t.label)).toEqual(['Assessor']);

    const assessor = device();
    const id = await assessor.service.join(parseRelayLink(link));
    expect(id).toBe(record.id);
    expect(await assessor.service.get(id)).toMatchObject({ owner: false, role: 'read-only' });
    const copy = await assessor.library.open(id);
    expect(copy.dossier.meta().name).toBe('Leergang Wijkgericht Werken');
    expect(copy.dossier.clips.noteText(clipId).toString()).toBe('Wat bewoners zelf doen.');
    expect(await reason(assessor.service.invite(id, 'x', 'edit', ''))).toBe('not-owner');
  });

  test('a revoked link and a wrong address are refused and store nothing', async () => {
    const server = await relay();
    const owner = device();
    const record = await owner.library.create('Cohort', 'shared');
    const handle = await owner.library.open(record.id);
    const registered = await owner.service.register(record.id, server.wsUrl);
    const session = await owner.service.connect(record.id, handle.doc, registered);
    open.push({ close: () => session.destroy() });
    await session.whenAcknowledged();
    const { link, info } = await owner.service.invite(record.id, 'Cohort', 'edit', 'Sanne');
    await owner.service.revoke(record.id, info.id);

    const member = device();
    expect(await reason(member.service.join(parseRelayLink(link)))).toBe('refused');
    expect(await member.library.get(record.id)).toBeUndefined();
    expect(await member.service.get(record.id)).toBeUndefined();

    expect(await reason(member.service.register(record.id, 'https://relay.example.nl'))).toBe('bad-address');
    expect(await reason(owner.service.register(record.id, server.wsUrl))).toBe('already-registered');
    expect(await owner.service.get(record.id)).toMatchObject({ owner: true, token: registered.token });
  });
});
