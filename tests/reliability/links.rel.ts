// Hostile links, in the built app with a real relay on 127.0.0.1. A past member knows a
// dossier's id: she makes relay links (her own relay, registered under that id) and peer
// invite links (her own secret) that name it, and the user opens them. A link may add a
// dossier, never re-point one: every such link must stop at a question that shows the
// relay's address, the default answer ("open as a new copy") keeps the user's dossier where
// it was, and nothing of it reaches her relay.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { bytesToBase64url, makeInviteLink } from '@knipsel/core/peer';
import { parseRelayLink } from '@knipsel/core/relay';
import { createRelayService } from '../../pwa/src/lib/services/relay-service.js';
import type { KnipselServer } from '../../server/create-server.js';
import { createRelay, type Relay } from '../../server/relay/create-relay.js';
import { addBookmark, launchProfile, servePwa } from '../support/app.js';
import { pick, report, seed } from './support/mode.js';
import { createRng } from './support/prng.js';

let server: KnipselServer;
let relay: Relay;
let profile: Awaited<ReturnType<typeof launchProfile>>;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  server = await servePwa();
  relay = await createRelay({ database: ':memory:' });
  profile = await launchProfile();
  profile.context.setDefaultTimeout(15_000);
});

afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await profile?.close();
  await relay?.close();
  await server?.close();
});

/** A device in Node with the app's relay service (what Mallory and an onlooker use). */
function device() {
  const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
  const service = createRelayService(
    library,
    { getPref: library.getPref, setPref: library.setPref },
    {
      location: { origin: server.url },
      WebSocketPolyfill: WebSocket,
      joinTimeoutMs: 10_000,
      log: () => undefined,
    },
  );
  closers.push(() => library.closeAll());
  return { library, service };
}

/** Mallory puts a dossier under the victim's id on her relay; `link()` makes a new link to it. */
async function relayBait(victimId: string) {
  const mallory = device();
  const fresh = await mallory.library.create('Wijkteam Noord', 'shared');
  const freshDoc = (await mallory.library.open(fresh.id)).doc;
  freshDoc.getMap('meta').set('id', victimId);
  // Registered under the victim's id: the relay names dossiers by the id in the link.
  const bait = await mallory.library.importState(Y.encodeStateAsUpdate(freshDoc), { id: victimId, kind: 'shared' });
  const handle = await mallory.library.open(bait.id);
  handle.dossier.clips.add({ capture: makeCapture({ title: 'Lokaas' }) });
  const record = await mallory.service.register(victimId, relay.wsUrl);
  const session = await mallory.service.connect(victimId, handle.doc, record);
  closers.push(() => session.destroy());
  await session.whenAcknowledged();
  let made = 0;
  return {
    link: async () => (await mallory.service.invite(victimId, 'Wijkteam Noord', made++ % 2 ? 'edit' : 'read-only', `link ${made}`)).link,
    /** Clip titles a member of Mallory's dossier reads on her relay. */
    async titles(link: string): Promise<string[]> {
      const onlooker = device();
      const seen = await onlooker.library.open(await onlooker.service.join(parseRelayLink(link)));
      return seen.dossier.clips.rows().map((row) => row.title);
    },
  };
}

/** The app's relay record for a dossier, read from its IndexedDB (prefs `relay.<id>`). */
function relayRecord(page: Page, dossierId: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('knipsel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('prefs').objectStore('prefs').get(key);
          get.onsuccess = () => {
            resolve((get.result as { value?: unknown } | undefined)?.value ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    `relay.${dossierId}`,
  );
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('hostile links', () => {
  it('never re-point a dossier: each asks, and the default copy sends nothing of it', { timeout: pick(180_000, 900_000) }, async () => {
    const rng = createRng(seed + 31);
    const rounds = pick(4, 16);
    const page = profile.context.pages()[0] ?? (await profile.context.newPage());
    await page.goto(server.url);
    await heading(page, 'Knipsels').waitFor();
    const victimId = /#\/d\/([^/]+)/.exec(page.url())![1];
    await addBookmark(page, 'https://www.movisie.nl/artikel/geheim', 'Geheim verslag');

    const figures = { relayLinks: 0, inviteLinks: 0, questions: 0, relayShown: 0, copiesOpened: 0, rebinds: 0, victimContentOnHostileRelay: 0 };
    const bait = await relayBait(victimId);
    let lastLink = '';
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        figures.relayLinks++;
        lastLink = await bait.link();
        await page.goto(lastLink);
        const screen = page.locator('[data-relay-join="conflict"]');
        await screen.waitFor();
        figures.questions++;
        if ((await screen.locator('[data-link-relay]').textContent()) === relay.wsUrl) figures.relayShown++;
        // The default answer is the focused button: Enter takes it.
        await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-relay-copy') ?? false)).toBe(true);
        if (rng.chance(0.5)) {
          await page.keyboard.press('Enter');
          await page.waitForURL((url) => /^#\/d\//.test(url.hash) && !url.hash.includes(victimId));
          figures.copiesOpened++;
        } else {
          await page.getByRole('link', { name: 'Annuleren' }).click();
          await page.waitForURL((url) => !url.hash.startsWith('#/relay'));
        }
      } else {
        figures.inviteLinks++;
        const secret = bytesToBase64url(new Uint8Array(randomBytes(32)));
        await page.goto(makeInviteLink(`${server.url}/`, { secret, dossierId: victimId, dossierName: 'Wijkteam Noord', sharedBy: 'Mallory' }));
        await page.locator('[data-join-state="conflict"]').waitFor();
        figures.questions++;
        // A private dossier is never offered to a room: no way to re-point it here.
        expect(await page.locator('[data-join-repoint]').count()).toBe(0);
        await page.getByRole('link', { name: 'Niet nu' }).click();
        await page.waitForURL((url) => !url.hash.startsWith('#/join'));
      }
      if ((await relayRecord(page, victimId)) !== null) figures.rebinds++;
    }

    // The user's dossier is where it was: its own clip, no relay, also after a reload and
    // a while open (a relay record would connect it and send everything).
    await page.goto(`${server.url}/#/d/${victimId}/list`);
    await page.reload();
    await page.getByText('Geheim verslag').first().waitFor();
    await page.waitForTimeout(2_000);
    if ((await relayRecord(page, victimId)) !== null) figures.rebinds++;
    const titles = await bait.titles(lastLink);
    if (titles.includes('Geheim verslag')) figures.victimContentOnHostileRelay++;
    expect(titles).toContain('Lokaas');

    report('links/hostile', figures);
    expect(figures.questions).toBe(rounds);
    expect(figures.relayShown).toBe(figures.relayLinks);
    expect(figures.rebinds).toBe(0);
    expect(figures.victimContentOnHostileRelay).toBe(0);
  });
});
