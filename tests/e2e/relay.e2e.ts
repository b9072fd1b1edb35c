// A dossier through a relay, in the BUILT web app: three Chromium contexts (an
// owner A, a member B with an edit link, an assessor C with a read-only link) against the
// Knipsel server (the app) and a relay on 127.0.0.1 (another port: another origin).
// A registers the dossier and makes both links; B and C open them. B goes offline, A and
// B both add clips, B comes back → both have everything, and so does C. A leervraag with a
// done action that A writes shows on B's side (the learning plan passes the shape check). C sees updates,
// every edit control is disabled for C, and an update forced with C's token is refused by
// the relay. A revokes B's link (asked first, sent after the moment of undo) → B is refused
// and told. Screenshots of the relay panel and the read-only view (desktop and phone; no
// overflow, no serious axe violations) go to /tmp/knipsel-shots/relay.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { parseRelayLink } from '@knipsel/core/relay';
import { frames, rawClient } from '../../server/relay/relay-test-support.js';
import { addBookmark, makeDossier } from '../support/app.js';
import { registerAtRelay, relayLinks, relaySuite, screenshotsIn, sharingSuite, type Peer } from './share-support.js';

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/relay');

// The app and the browser come from the sharing suite; the relay is this file's own.
const suite = sharingSuite();
const relays = relaySuite();

const openApp = (label: string, path = '/#/'): Promise<Peer> => suite.openPage(label, path);

/** Clip titles the list shows, polled until `ok` (sync takes a moment, not a fixed time). */
async function titlesUntil(page: Page, dossierId: string, ok: (titles: string[]) => boolean): Promise<string[]> {
  const start = Date.now();
  for (;;) {
    if (!page.url().endsWith(`/#/d/${dossierId}/list`)) await page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
    const titles = (await page.locator('.clips > li h2').allInnerTexts()).sort();
    if (ok(titles)) return titles;
    if (Date.now() - start > 30_000) throw new Error(`clips did not arrive: ${JSON.stringify(titles)}`);
    await page.waitForTimeout(300);
  }
}

const relayStatus = (page: Page) => page.locator('[data-relay-status]').getAttribute('data-relay-status');

describe('a dossier through a relay', () => {
  test('owner, member offline and back, read-only assessor, revocation', async () => {
    // ---- A makes a dossier and registers it with the relay ----
    const a = await openApp('A');
    const dossierId = await makeDossier(a.page, 'Leergang Wijkgericht Werken');
    await addBookmark(a.page, 'https://www.voorbeeld.nl/buurtmaaltijd', 'Buurtmaaltijd in Kattenbroek');

    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    const panel = a.page.locator('[data-relay-panel]');
    await expect(panel.locator('[data-relay-sees]').innerText()).resolves.toContain('kan de inhoud van het dossier lezen');
    // A wrong address gets a clear Dutch message and changes nothing.
    await panel.getByLabel('Adres van de relay-server').fill('http://niet-goed');
    await panel.getByRole('button', { name: 'Registreren als eigenaar' }).click();
    await expect(panel.locator('[data-relay-problem]').innerText()).resolves.toContain('begint met wss://');
    expect(await relays.relay.store.isRegistered(dossierId)).toBe(false);

    await registerAtRelay(panel, relays.relay.wsUrl);
    await expect(panel.locator('[data-relay-role]').getAttribute('data-relay-role')).resolves.toBe('owner');
    expect(await relays.relay.store.isRegistered(dossierId)).toBe(true);
    const { editLink, readLink } = await relayLinks(panel, 'Sanne');
    await shot(a.page, 'relay-panel-owner');

    // ---- B opens the edit link; C (the assessor) the read-only link ----
    const b = await openApp('B', new URL(editLink).hash ? `/${new URL(editLink).hash}` : '/');
    await b.page.waitForURL(new RegExp(`#/d/${dossierId}/list$`));
    await titlesUntil(b.page, dossierId, (t) => t.includes('Buurtmaaltijd in Kattenbroek'));

    const c = await openApp('C', `/${new URL(readLink).hash}`);
    await c.page.waitForURL(new RegExp(`#/d/${dossierId}/portfolio$`));
    await c.page.locator('[data-read-only]').waitFor();
    await expect(c.page.locator('[data-read-only]').innerText()).resolves.toContain('alleen-lezen');
    await shot(c.page, 'relay-assessor-portfolio');

    // ---- B goes offline; both edit; B comes back: both have everything ----
    await b.context.setOffline(true);
    await b.page.goto(`${suite.url}/#/d/${dossierId}/share`).catch(() => undefined); // the app is cached; hash navigation
    await b.page.locator('[data-relay-status="offline"]').waitFor();
    await b.page.goto(`${suite.url}/#/d/${dossierId}/list`).catch(() => undefined);
    await addBookmark(b.page, 'https://www.voorbeeld.nl/wijkwandeling', 'Wijkwandeling met bewoners');
    await a.page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await addBookmark(a.page, 'https://www.voorbeeld.nl/huisbezoek', 'Huisbezoek bij een mantelzorger');
    // While B is offline, its clip is not on A's side.
    expect(await titlesUntil(a.page, dossierId, () => true)).not.toContain('Wijkwandeling met bewoners');
    await b.context.setOffline(false);
    const all = ['Buurtmaaltijd in Kattenbroek', 'Huisbezoek bij een mantelzorger', 'Wijkwandeling met bewoners'];
    expect(await titlesUntil(b.page, dossierId, (t) => all.every((x) => t.includes(x)))).toEqual(all);
    expect(await titlesUntil(a.page, dossierId, (t) => all.every((x) => t.includes(x)))).toEqual(all);

    // ---- A's leervraag with an action (the learning plan) reaches B through the relay ----
    await a.page.goto(`${suite.url}/#/d/${dossierId}/leervragen`);
    await a.page.getByLabel('Wat wil ik leren?').fill('Hoe laat ik bewoners eigenaar blijven?');
    await a.page.getByRole('button', { name: 'Leervraag toevoegen' }).click();
    const mine = a.page.locator('[data-leervraag]');
    await mine.getByLabel('Nieuwe actie').fill('Meelopen met de opbouwwerker');
    await mine.getByRole('button', { name: 'Actie toevoegen' }).click();
    await mine.getByRole('checkbox', { name: 'Meelopen met de opbouwwerker' }).check();
    await b.page.goto(`${suite.url}/#/d/${dossierId}/leervragen`);
    const theirs = b.page.locator('[data-leervraag]', { hasText: 'Hoe laat ik bewoners eigenaar blijven?' });
    await expect
      .poll(
        () =>
          theirs
            .getByRole('checkbox', { name: 'Meelopen met de opbouwwerker' })
            .isChecked()
            .catch(() => false),
        { timeout: 30_000 },
      )
      .toBe(true);

    // ---- C sees every update, and cannot change anything ----
    expect(await titlesUntil(c.page, dossierId, (t) => all.every((x) => t.includes(x)))).toEqual(all);
    await expect(c.page.getByRole('button', { name: 'Knipsel toevoegen' }).first().isDisabled()).resolves.toBe(true);
    await c.page.locator('.clips > li h2 a', { hasText: 'Huisbezoek bij een mantelzorger' }).click();
    await c.page.getByLabel('Je reflectie op dit knipsel').waitFor();
    await expect(c.page.getByLabel('Je reflectie op dit knipsel').isDisabled()).resolves.toBe(true);
    await expect(c.page.getByRole('button', { name: 'Titel wijzigen' }).isDisabled()).resolves.toBe(true);
    await expect(c.page.getByRole('button', { name: 'Thema’s kiezen' }).isDisabled()).resolves.toBe(true);
    await shot(c.page, 'relay-assessor-reader');
    await c.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await expect(c.page.locator('[data-relay-role]').getAttribute('data-relay-role')).resolves.toBe('read-only');
    await shot(c.page, 'relay-panel-assessor');

    // A forced update with the assessor's token is refused by the relay itself.
    const token = parseRelayLink(readLink).token;
    const forced = await rawClient(relays.relay.wsUrl);
    forced.send(frames.auth(dossierId, token));
    forced.send(frames.syncStep1(dossierId));
    await forced.waitFor((f) => f.type === 0 && f.subtype === 1);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(relays.relay.hocuspocus.documents.get(dossierId)!));
    let update: Uint8Array = new Uint8Array();
    probe.on('update', (u: Uint8Array) => (update = u));
    probe.getMap('meta').set('name', 'Gewijzigd door de assessor');
    forced.send(frames.update(dossierId, update));
    expect((await forced.waitFor((f) => f.type === 8)).subtype).toBe(0);
    forced.ws.close();
    expect(relays.relay.hocuspocus.documents.get(dossierId)!.getMap('meta').get('name')).toBe('Leergang Wijkgericht Werken');

    // ---- A revokes B's link: B is refused ----
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await a.page.locator('[data-relay-token]', { hasText: 'Sanne' }).getByRole('button', { name: 'Intrekken' }).click();
    await a.page.getByRole('dialog', { name: 'Toegang intrekken?' }).getByRole('button', { name: 'Ja, toegang intrekken' }).click();
    await a.page.locator('[data-relay-token]', { hasText: 'Sanne' }).getByText('Ingetrokken').waitFor({ timeout: 20_000 });
    await b.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await b.page.locator('[data-relay-status="refused"]').waitFor();
    await b.page.locator('[data-revoked]').waitFor();
    expect(await relayStatus(a.page)).toBe('connected');
  });
});
