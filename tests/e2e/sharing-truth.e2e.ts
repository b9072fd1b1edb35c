// Sharing that says what is true, in the BUILT web app through the real signalling server and
// a real relay (127.0.0.1, another port): an owner Anna, a colleague Bram with an edit link, an
// assessor with a read-only link, and a latecomer with an invitation link that was renewed.
//  - the latecomer's old link says it is old (Anna is online in the new room);
//  - Anna's presence bar shows Bram, who is connected only through the relay, and drops him
//    within 3 s of his leaving the page;
//  - Bram offline, both rename the same clip, Bram back: both see a notice, the history holds
//    the lost title and puts it back;
//  - revoking asks first and can be undone; a revoked assessor is told in the reader;
//  - every invite link can be shown again; a relay that stops while the browser is online is
//    called unreachable, with the changes that wait.
// Screenshots (desktop and phone, no overflow, no serious axe violations) go to
// /tmp/knipsel-shots/sharing-truth.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addBookmark, makeDossier } from '../support/app.js';
import { inviteLink, registerAtRelay, relayLinks, relaySuite, screenshotsIn, sharingSuite, type Peer } from './share-support.js';

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/sharing-truth');
const suite = sharingSuite();
const relays = relaySuite();

/** The app in its own context with this name for colleagues (set in Settings). */
const member = (label: string, name: string): Promise<Peer> => suite.openApp(label, (page) => page.getByLabel('Je naam voor collega’s').fill(name));
const hashOf = (link: string) => `/${new URL(link).hash}`;
const bar = (page: Page) => page.locator('section.presence.compact');

async function renameClip(page: Page, dossierId: string, clipId: string, title: string): Promise<void> {
  await page.goto(`${suite.url}/#/d/${dossierId}/clip/${clipId}`);
  await page.getByRole('button', { name: 'Titel wijzigen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Titel wijzigen' });
  await dialog.getByLabel('Titel', { exact: true }).fill(title);
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('sharing that tells the truth', () => {
  test('presence over the relay, an old link, concurrent titles, history, revocation', async () => {
    // ---- Anna: a dossier with a clip, shared peer to peer, then a new invitation link ----
    const a = await member('A', 'Anna');
    await a.page.goto(`${suite.url}/#/`);
    const dossierId = await makeDossier(a.page, 'Wijkteam Noord');
    const clipId = await addBookmark(a.page, 'https://www.voorbeeld.nl/buurtmaaltijd', 'Buurtmaaltijd in Kattenbroek');
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    const oldLink = await inviteLink(a.page, 'Anna');
    await a.page.getByRole('button', { name: 'Nieuwe uitnodigingslink maken' }).click();
    await a.page.getByRole('button', { name: 'Ja, nieuwe link maken' }).click();
    await expect.poll(() => a.page.getByRole('textbox', { name: 'Uitnodigingslink' }).inputValue()).not.toBe(oldLink);

    // ---- Anna registers the dossier with the relay and invites Bram and an assessor ----
    const panel = a.page.locator('[data-relay-panel]');
    await registerAtRelay(panel, relays.relay.wsUrl);
    const { editLink, readLink } = await relayLinks(panel, 'Bram');
    // Every link can be shown again, not only the last one made.
    const bramToken = panel.locator('[data-relay-token]', { hasText: 'Bram' });
    await bramToken.getByRole('button', { name: 'Link tonen' }).click();
    await expect(bramToken.locator('[data-relay-shown-link]').inputValue()).resolves.toBe(editLink);

    // ---- A latecomer opens the old invitation link: it says it is old ----
    const late = await suite.openPage('D', hashOf(oldLink));
    await late.page.locator('[data-join-state="old-link"]').waitFor();
    await expect(late.page.locator('[data-old-link]').innerText()).resolves.toContain('Deze link hoort bij een oudere uitnodiging');
    await shot(late.page, 'old-link');
    await late.context.close();

    // ---- Bram joins through the relay only: Anna's bar shows him; he leaves: gone within 3 s ----
    const b = await member('B', 'Bram');
    await b.page.goto(`${suite.url}${hashOf(editLink)}`);
    await b.page.waitForURL(new RegExp(`#/d/${dossierId}/list$`));
    await a.page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await bar(a.page).locator('[data-peer="Bram"][data-via="relay"]').waitFor();
    await bar(b.page).locator('[data-peer="Anna"]').waitFor();
    await expect(bar(a.page).innerText()).resolves.not.toContain('Niemand anders online');
    await shot(a.page, 'presence-relay-member');
    const left = Date.now();
    await b.page.goto('about:blank');
    await expect.poll(() => bar(a.page).locator('[data-peer="Bram"]').count(), { timeout: 3000, interval: 100 }).toBe(0);
    console.info(`[sharing-truth] a leaver left Anna's presence bar after ${Date.now() - left} ms`);

    // ---- Bram offline; both rename the clip; Bram back: a notice on both sides, history restores ----
    await b.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await b.page.locator('[data-relay-status="connected"]').waitFor();
    await b.context.setOffline(true);
    await b.page.locator('[data-relay-status="offline"]').waitFor();
    await renameClip(b.page, dossierId, clipId, 'Samen eten met de buren');
    await renameClip(a.page, dossierId, clipId, 'Buurtmaaltijd: eerste avond');
    await b.context.setOffline(false);
    for (const page of [a.page, b.page]) {
      const notice = page.locator('[data-history-notice]');
      await notice.waitFor({ timeout: 30_000 });
      await expect(notice.innerText()).resolves.toContain('tegelijk met jou');
    }
    const winner = (await a.page.getByRole('heading', { level: 1 }).innerText()).trim();
    await expect.poll(async () => (await b.page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(winner);
    // The one whose title was replaced finds it in the history and puts it back.
    const [loser, lost] = winner === 'Samen eten met de buren' ? [a.page, 'Buurtmaaltijd: eerste avond'] : [b.page, 'Samen eten met de buren'];
    await expect(loser.locator('[data-history-notice]').innerText()).resolves.toContain(`‘${lost}’ is daardoor vervangen`);
    await shot(loser, 'conflict-notice');
    await loser.locator('[data-history-notice]').getByRole('link', { name: 'Bekijk de geschiedenis' }).click();
    await loser.getByRole('heading', { level: 1, name: 'Geschiedenis' }).waitFor();
    const lostBox = loser.locator('[data-history-lost]').first();
    await expect(lostBox.innerText()).resolves.toContain(lost);
    await shot(loser, 'history');
    await lostBox.getByRole('button', { name: 'Verloren waarde terugzetten' }).click();
    await a.page.goto(`${suite.url}/#/d/${dossierId}/clip/${clipId}`);
    await a.page.getByRole('heading', { level: 1, name: lost }).waitFor();
    await b.page.goto(`${suite.url}/#/d/${dossierId}/clip/${clipId}`);
    await b.page.getByRole('heading', { level: 1, name: lost }).waitFor({ timeout: 30_000 });

    // ---- The assessor reads; revoking asks, can be undone, and then the assessor is told ----
    const c = await suite.openPage('C', hashOf(readLink));
    await c.page.waitForURL(new RegExp(`#/d/${dossierId}/portfolio$`));
    await c.page.goto(`${suite.url}/#/d/${dossierId}/clip/${clipId}`);
    await c.page.getByRole('heading', { level: 1, name: lost }).waitFor();
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    const assessorToken = a.page.locator('[data-relay-token]', { hasText: 'Assessor' });
    await assessorToken.getByRole('button', { name: 'Intrekken' }).click();
    const confirm = a.page.getByRole('dialog', { name: 'Toegang intrekken?' });
    await expect(confirm.innerText()).resolves.toContain('Assessor kan dit dossier daarna niet meer openen');
    await shot(a.page, 'revoke-confirm');
    await confirm.getByRole('button', { name: 'Ja, toegang intrekken' }).click();
    await assessorToken.getByText('Toegang van Assessor wordt ingetrokken…').waitFor();
    await assessorToken.getByRole('button', { name: 'Ongedaan maken' }).click();
    await assessorToken.getByRole('button', { name: 'Intrekken' }).waitFor();
    // Undone: the assessor still has access.
    expect((await relays.relay.store.listTokens(dossierId)).find((t) => t.label === 'Assessor')?.revokedAt ?? null).toBeNull();
    await assessorToken.getByRole('button', { name: 'Intrekken' }).click();
    await a.page.getByRole('dialog', { name: 'Toegang intrekken?' }).getByRole('button', { name: 'Ja, toegang intrekken' }).click();
    await assessorToken.getByText('Ingetrokken').waitFor({ timeout: 20_000 });
    const told = c.page.locator('[data-revoked]');
    await told.waitFor({ timeout: 20_000 });
    await expect(told.innerText()).resolves.toContain('Je toegang tot dit dossier is ingetrokken');
    await shot(c.page, 'revoked-reader');
    await c.page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await c.page.locator('[data-revoked]').waitFor();

    // ---- The relay stops while the browser is online: unreachable, not "offline" ----
    await relays.relay.close();
    await a.page.locator('[data-relay-unreachable]').waitFor({ timeout: 20_000 });
    await a.page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await addBookmark(a.page, 'https://www.voorbeeld.nl/wijkwandeling', 'Wijkwandeling met bewoners');
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    const status = a.page.locator('[data-relay-status]');
    await expect(status.innerText()).resolves.toContain('De relay-server is niet bereikbaar');
    await expect(a.page.locator('[data-relay-panel]').innerText()).resolves.toMatch(/Je bent wel online\. \d+ wijziging(en)? wacht/);
    await shot(a.page, 'relay-unreachable');
  });
});
