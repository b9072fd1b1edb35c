// Sharing a dossier peer to peer through the BUILT web app: three separate
// Chromium contexts (separate storage, like separate profiles) against the real Knipsel
// server on 127.0.0.1, which serves the app and the signalling endpoint. Every context
// first clears the STUN servers in Settings (ICE servers: [] — no internet here).
// A shares a dossier, B joins through the invite link; both add clips, tag and write in the
// same reflection at the same time → the same state on both; B goes offline (context
// offline → the app pauses its peer session), both edit, B comes back → merged; C opens
// the link with a wrong secret, gets nothing and is told the link is not the group's (old or
// wrong); presence shows the other peer's name and
// what they look at. Screenshots (desktop and phone) go to /tmp/knipsel-shots/share.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addBookmark, makeDossier } from '../support/app.js';
import { inviteLink, screenshotsIn, sharingSuite, type Peer } from './share-support.js';

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/share');

const suite = sharingSuite();

function openApp(label: string): Promise<Peer> {
  return suite.openApp(label, async (page) => {
    if (label !== 'A') return;
    // Bad input gets a clear message and changes nothing.
    await page.getByLabel('Verbindingsserver').fill('ftp://signal.voorbeeld.nl');
    await page.getByRole('button', { name: 'Instellingen bewaren' }).click();
    await page.getByText('Gebruik een adres dat begint met wss://').waitFor();
    await shot(page, 'settings-problem');
    await page.getByLabel('Verbindingsserver').fill('');
  });
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });

async function openClip(page: Page, dossierId: string, clipId: string): Promise<void> {
  await page.goto(`${suite.url}/#/d/${dossierId}/clip/${clipId}`);
  await page.getByLabel('Je reflectie op dit knipsel').waitFor();
}

async function tag(page: Page, theme: string): Promise<void> {
  await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
  const picker = page.getByRole('dialog');
  // A preset theme's name starts with its number ("7. Eigenaarschap").
  await picker
    .getByRole('checkbox', { name: new RegExp(`(^|\\s)${theme}$`) })
    .first()
    .check();
  await picker.getByRole('button', { name: 'Sluiten' }).last().click();
}

/** Type at the end (or start) of the reflection, like a person (remote edits move the caret along). */
async function appendNote(page: Page, text: string, where: 'End' | 'Home' = 'End'): Promise<void> {
  const note = page.getByLabel('Je reflectie op dit knipsel');
  await note.click();
  await page.keyboard.press(`Control+${where}`);
  await page.keyboard.type(text);
}

interface Seen {
  titles: string[];
  themes: string[];
  note: string;
}

/** What the app shows: every clip title in the list, and the shared clip's themes and reflection. */
async function seen(page: Page, dossierId: string, clipId: string): Promise<Seen> {
  await page.goto(`${suite.url}/#/d/${dossierId}/list`);
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  await page.locator('.clips > li').first().waitFor();
  const titles = (await page.locator('.clips > li h2').allInnerTexts()).sort();
  await openClip(page, dossierId, clipId);
  const themes = (await page.locator('.chips .chip-name').allInnerTexts()).sort();
  const note = await page.getByLabel('Je reflectie op dit knipsel').inputValue();
  return { titles, themes, note };
}

async function converge(a: Page, b: Page, dossierId: string, clipId: string, ok: (s: Seen) => boolean): Promise<Seen> {
  const start = Date.now();
  for (;;) {
    const both = [await seen(a, dossierId, clipId), await seen(b, dossierId, clipId)];
    if (JSON.stringify(both[0]) === JSON.stringify(both[1]) && ok(both[0])) return both[0];
    if (Date.now() - start > 45_000) {
      const status = await Promise.all(
        [a, b].map((page) =>
          page
            .locator('.presence')
            .first()
            .innerText()
            .catch(() => '(no presence)'),
        ),
      );
      throw new Error(`A and B did not converge: ${JSON.stringify(both)} ${JSON.stringify(status)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The invite link with another (valid-looking) secret: what a guesser or a tampered link has. */
function withWrongSecret(link: string): string {
  const [base, payload] = link.split('#/join/');
  const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: string };
  json.s = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  return `${base}#/join/${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
}

const presenceText = (page: Page) =>
  page
    .locator('.presence')
    .first()
    .innerText()
    .catch(() => '(no presence panel)');

/** Poll until `ok`; on timeout, fail with what every page's presence said (for diagnosis). */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, pages: Page[], timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - start > timeoutMs) {
      const states = await Promise.all(pages.map(presenceText));
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}; presence: ${JSON.stringify(states)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const presenceNames = (page: Page) => page.locator('.presence [data-peer]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-peer')));

/** Poll until `page`'s presence names exactly `names`, in order ([]: nobody). */
const untilPresence = (what: string, page: Page, names: string[], pages: Page[], timeoutMs?: number) =>
  until(
    what,
    () => presenceNames(page),
    (seen) => seen.join() === names.join(),
    pages,
    timeoutMs,
  );

describe('sharing a dossier through the web app', () => {
  test('A shares, B joins by link, they edit together and offline, C with a wrong secret gets nothing; a new link; leaving', async () => {
    // ---- A makes a dossier with a clip and shares it ----
    const a = await openApp('A');
    await a.page.goto(`${suite.url}/#/`);
    const dossierId = await makeDossier(a.page, 'Wijkteam Noord');
    const sharedClip = await addBookmark(a.page, 'https://www.voorbeeld-wijkplatform.nl/buurtmaaltijd', 'Buurtmaaltijd in Kattenbroek', 'Eerste indruk.');

    await nav(a.page, 'Delen').click();
    await a.page.getByRole('heading', { level: 1, name: 'Delen met collega’s' }).waitFor();
    await a.page.getByLabel('Je naam').fill('');
    await a.page.getByRole('button', { name: 'Uitnodigingslink maken' }).click();
    await a.page.getByText('Vul je naam in').waitFor(); // bad input: a clear message, nothing shared
    const link = await inviteLink(a.page, 'Anouk');
    expect(link.startsWith(`${suite.url}/#/join/`)).toBe(true);
    expect(await a.page.getByRole('img', { name: /QR-code met de uitnodigingslink voor ‘Wijkteam Noord’/ }).count()).toBe(1);
    expect(await a.page.locator('svg.qr path').getAttribute('d')).toMatch(/^M4 4h7v1h-7z/);
    // Alone: nobody else is online yet.
    await expect.poll(() => a.page.locator('.presence').innerText(), { timeout: 20_000 }).toContain('Niemand anders online');
    await shot(a.page, 'share-invite-alone');

    // ---- C opens the link with a wrong secret: it waits and learns nothing ----
    const c = await openApp('C');
    await c.page.goto(`${suite.url}/#/join/${link.split('#/join/')[1].slice(0, 40)}`); // cut off when copied
    await c.page.getByText('Deze uitnodigingslink is beschadigd of onvolledig.').waitFor();
    await c.page.goto(withWrongSecret(link));
    await c.page.getByText('Wachten op een collega die online is').waitFor();

    // ---- B joins through the link ----
    const b = await openApp('B');
    await b.page.goto(link);
    await b.page.locator('[data-join-state="arrived"]').waitFor({ timeout: 30_000 });
    expect(await b.page.locator('.dossier-name').innerText()).toBe('Wijkteam Noord');
    expect(await b.page.locator('.join').innerText()).toContain('Gedeeld door Anouk');
    await shot(b.page, 'join-found');
    await b.page.getByLabel('Je naam').fill('Bram');
    await b.page.getByRole('button', { name: 'Deelnemen' }).click();
    await expect.poll(() => b.page.url()).toBe(`${suite.url}/#/d/${dossierId}/list`); // the secret has left the address bar
    await expect.poll(() => b.page.locator('.clips > li h2').allInnerTexts()).toEqual(['Buurtmaaltijd in Kattenbroek']);
    expect(await b.page.locator('.current-dossier').textContent()).toContain('Wijkteam Noord');

    // ---- presence: each sees the other, and what they look at ----
    await openClip(b.page, dossierId, sharedClip);
    await untilPresence('A to see Bram', a.page, ['Bram'], [a.page, b.page]);
    await expect.poll(() => a.page.locator('.presence [data-peer="Bram"]').innerText()).toContain('leest ‘Buurtmaaltijd in Kattenbroek’');
    await untilPresence('B to see Anouk', b.page, ['Anouk'], [a.page, b.page]);
    await expect.poll(() => a.page.locator('.presence').innerText()).toContain('Verbonden met 1 collega');
    await shot(a.page, 'share-presence');
    await shot(b.page, 'reader-presence-bar');

    // ---- both add clips, tag and write in the same reflection at the same time ----
    await openClip(a.page, dossierId, sharedClip);
    await Promise.all([
      (async () => {
        await tag(a.page, 'Aansluiten bij de leefwereld');
        await appendNote(a.page, ' Anouk: sterk voorbeeld.');
        await addBookmark(a.page, 'https://www.voorbeeld-wijkplatform.nl/moestuin', 'Moestuin op het plein');
      })(),
      (async () => {
        await tag(b.page, 'Eigenaarschap');
        await appendNote(b.page, 'Bram: past bij talenten verbinden. ', 'Home');
        await addBookmark(b.page, 'https://www.voorbeeld-wijkplatform.nl/talentenbank', 'Talentenbank in de wijk');
      })(),
    ]);
    const together = await converge(a.page, b.page, dossierId, sharedClip, (s) => s.titles.length === 3 && s.themes.length === 2);
    expect(together.titles).toEqual(['Buurtmaaltijd in Kattenbroek', 'Moestuin op het plein', 'Talentenbank in de wijk']);
    expect(together.themes.map((t: string) => t.replace(/^\d+\s*\.\s*/, ''))).toEqual(['Aansluiten bij de leefwereld', 'Eigenaarschap']);
    // Typed into the same reflection at the same moment, at its end and at its start.
    expect(together.note).toBe('Bram: past bij talenten verbinden. Eerste indruk. Anouk: sterk voorbeeld.');

    // ---- B goes offline; both edit; B comes back → merged ----
    await b.context.setOffline(true);
    await expect.poll(() => b.page.locator('.presence').innerText(), { timeout: 15_000 }).toContain('Je bent offline');
    await untilPresence('A to see nobody', a.page, [], [a.page, b.page], 45_000);
    await shot(b.page, 'offline-status');
    await openClip(a.page, dossierId, sharedClip);
    await appendNote(a.page, ' A-offline.');
    await addBookmark(a.page, 'https://www.voorbeeld-wijkplatform.nl/anouk-offline', 'Offline bij Anouk');
    await openClip(b.page, dossierId, sharedClip);
    await appendNote(b.page, ' B-offline.');
    await addBookmark(b.page, 'https://www.voorbeeld-wijkplatform.nl/bram-offline', 'Offline bij Bram');
    await nav(a.page, 'Knipsels').click();
    await expect.poll(() => a.page.locator('.clips > li h2').allInnerTexts()).toContain('Offline bij Anouk');
    await expect.poll(() => a.page.locator('.presence').innerText(), { timeout: 20_000 }).toContain('Niemand anders online');
    await shot(a.page, 'alone-status');
    await nav(b.page, 'Knipsels').click();
    expect(await b.page.locator('.clips > li h2').allInnerTexts()).not.toContain('Offline bij Anouk');

    await b.context.setOffline(false);
    const merged = await converge(a.page, b.page, dossierId, sharedClip, (s) => s.titles.length === 5);
    expect(merged.titles).toEqual(['Buurtmaaltijd in Kattenbroek', 'Moestuin op het plein', 'Offline bij Anouk', 'Offline bij Bram', 'Talentenbank in de wijk']);
    expect(merged.note).toMatch(/^Bram: past bij talenten verbinden\. Eerste indruk\. Anouk: sterk voorbeeld\.( A-offline\. B-offline\.| B-offline\. A-offline\.)$/);

    // ---- the portfolio's course, changed by A, shows on B's open portfolio at once ----
    await nav(a.page, 'Portfolio').click();
    await nav(b.page, 'Portfolio').click();
    const course = (page: typeof a.page) => page.getByLabel('Leergang of opleiding');
    await course(b.page).waitFor();
    await course(a.page).fill('Leergang Community Work 2026');
    await course(a.page).press('Tab');
    await expect.poll(() => course(b.page).inputValue(), { timeout: 20_000 }).toBe('Leergang Community Work 2026');

    // ---- C, all this time in the room's neighbourhood with a wrong secret, got nothing, and
    // is told that the group uses another invitation (A and B are online in their room) ----
    expect(await c.page.locator('[data-join-state]').getAttribute('data-join-state')).toBe('old-link');
    const cText = await c.page.locator('body').innerText();
    for (const secret of ['Wijkteam Noord', 'Buurtmaaltijd', 'Anouk', 'Bram', 'Eerste indruk']) expect(cText).not.toContain(secret);
    await shot(c.page, 'join-wrong-secret');
    await c.page.goto(`${suite.url}/#/`);
    await c.page.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    await expect.poll(() => c.page.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    // …and changed nothing, and nobody ever saw C.
    expect((await seen(a.page, dossierId, sharedClip)).titles).toEqual(merged.titles);
    expect(await presenceNames(a.page)).toEqual(['Bram']);

    // ---- a new invite link: the old secret no longer reaches A; B, who has the dossier,
    //      moves over by opening the new link and confirming it (a link never re-points a
    //      dossier by itself: the default would be a new copy) ----
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await a.page.getByRole('button', { name: 'Nieuwe uitnodigingslink maken' }).click();
    const confirm = a.page.getByRole('dialog', { name: 'Nieuwe uitnodigingslink maken?' });
    expect(await confirm.innerText()).toContain('houden wat ze hebben');
    await shot(a.page, 'renew-confirm');
    await confirm.getByRole('button', { name: 'Ja, nieuwe link maken' }).click();
    const linkInput = a.page.getByRole('textbox', { name: 'Uitnodigingslink' });
    await expect.poll(() => linkInput.inputValue()).not.toBe(link);
    const newLink = await linkInput.inputValue();
    expect(newLink).toContain('#/join/');
    await untilPresence('A to no longer meet B, who has the old secret', a.page, [], [a.page, b.page], 45_000);
    await b.page.goto(newLink);
    await b.page.getByText('‘Wijkteam Noord’ staat al op dit apparaat, maar deze link hoort bij een andere uitnodiging.').waitFor();
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Deelnemen als nieuwe kopie');
    await shot(b.page, 'new-link-question');
    await b.page.getByText('Nieuwe link van je eigen groep? ‘Wijkteam Noord’ aan deze uitnodiging koppelen…').click();
    await b.page.getByRole('button', { name: 'Ja, koppelen aan deze uitnodiging' }).click();
    await expect.poll(() => b.page.url()).toBe(`${suite.url}/#/d/${dossierId}/list`);
    await untilPresence('A to meet B again with the new secret', a.page, ['Bram'], [a.page, b.page], 30_000);

    // Everyone has moved over: the old link admits nobody new.
    const d = await openApp('D');
    await d.page.goto(link);
    await d.page.getByText('Wachten op een collega die online is').waitFor();

    // ---- B leaves, keeping a private copy; A keeps the dossier ----
    await nav(b.page, 'Delen').click();
    await b.page.getByRole('button', { name: 'Dossier verlaten' }).click();
    const leave = b.page.getByRole('dialog', { name: 'Gedeeld dossier verlaten?' });
    expect(await leave.getByLabel(/Een eigen kopie bewaren/).isChecked()).toBe(true);
    await leave.getByRole('button', { name: 'Ja, verlaten' }).click();
    await expect.poll(() => b.page.locator('.current-dossier').textContent()).toContain('Wijkteam Noord (eigen kopie)');
    await expect.poll(() => b.page.locator('.clips > li h2').allInnerTexts()).toHaveLength(5);
    await b.page.goto(`${suite.url}/#/`);
    await expect.poll(async () => (await b.page.locator('.dossiers h2').allInnerTexts()).sort()).toEqual(['Mijn leerdossier', 'Wijkteam Noord (eigen kopie)']);
    await untilPresence('A to see B gone', a.page, [], [a.page], 45_000);
    expect((await seen(a.page, dossierId, sharedClip)).titles).toEqual(merged.titles);

    // D, all this while on the old link, got nothing, and is told the link is old.
    expect(await d.page.locator('[data-join-state]').getAttribute('data-join-state')).toBe('old-link');
    expect(await d.page.locator('body').innerText()).not.toContain('Wijkteam Noord');
  });
});
