// Working together in the BUILT web app, three Chromium contexts against the Knipsel server
// and a relay on 127.0.0.1: Sanne (owner), Ahmed (colleague with an edit link) and an
// assessor (read-only link).
// 1. Intervisie: comments on a clip and a question for the group, each with its author and
//    time, answers under them, "Nieuw" for what others wrote since a member last looked;
//    Ahmed cannot write in Sanne's guided reflection, only beside it.
// 2. Handing in: Sanne hands in the portfolio of the chosen framework, keeps editing; the
//    assessor opens the handed-in version through the read-only link, sees the framework and
//    the frozen content, leaves feedback (through the relay); Sanne sees it and keeps it as evidence.
// 3. Read-only: the assessor cannot rename the dossier or change anything.
// Screenshots (phone and desktop, Dutch) go to /tmp/knipsel-shots/together.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addBookmark, makeDossier } from '../support/app.js';
import { registerAtRelay, relayLinks, relaySuite, screenshotsIn, sharingSuite, type Peer } from './share-support.js';

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/together');
const suite = sharingSuite();
const relays = relaySuite();

const go = (page: Page, hash: string) => page.goto(`${suite.url}/${hash}`);

/** Fill in the name colleagues see, where the app asks for it first. */
async function chooseName(page: Page, name: string): Promise<void> {
  const form = page.locator('[data-author-name]').first();
  await form.getByLabel('Je naam').fill(name);
  await form.getByRole('button', { name: 'Naam bewaren' }).click();
  await form.waitFor({ state: 'detached' });
}

const comment = (page: Page, text: string) => page.locator('[data-comment]', { has: page.locator(':scope > .text', { hasText: text }) });

describe('together', () => {
  let sanne: Peer;
  let ahmed: Peer;
  let assessor: Peer;
  let dossierId: string;
  let clipId: string;
  let readLink: string;

  test('intervisie: comments and a question with authors, answers, and what is new', async () => {
    sanne = await suite.openPage('Sanne');
    dossierId = await makeDossier(sanne.page, 'Leergang Wijkgericht Werken');
    clipId = await addBookmark(
      sanne.page,
      'https://www.voorbeeld.nl/buurtmaaltijd',
      'Buurtmaaltijd in Kattenbroek',
      'Bewoners nemen zelf het initiatief; ik sluit aan bij wat er al is.',
    );

    await go(sanne.page, `#/d/${dossierId}/share`);
    const panel = sanne.page.locator('[data-relay-panel]');
    await registerAtRelay(panel, relays.relay.wsUrl);
    let editLink: string;
    ({ editLink, readLink } = await relayLinks(panel, 'Ahmed'));

    // Sanne comments on her clip (choosing her name first).
    await go(sanne.page, `#/d/${dossierId}/clip/${clipId}`);
    const sanneThread = sanne.page.locator('[data-clip-comments]');
    await chooseName(sanne.page, 'Sanne');
    await sanneThread.getByLabel('Jouw reactie').fill('Wie heeft dit al eens geprobeerd in een flatwijk?');
    await sanneThread.getByRole('button', { name: 'Reageren' }).click();
    await comment(sanne.page, 'Wie heeft dit al eens geprobeerd').waitFor();
    // … and starts a guided reflection of her own on it.
    await sanne.page.getByRole('button', { name: 'Reflectie beginnen' }).click();
    const sanneReflection = sanne.page.locator('[data-reflection="transfer"]');
    await sanneReflection.getByRole('textbox').first().fill('Het initiatief ligt bij de bewoners; ik sluit aan.');

    // Ahmed joins with the edit link and brings in a question for the group.
    ahmed = await suite.openPage('Ahmed', `/${new URL(editLink).hash}`);
    await ahmed.page.waitForURL(new RegExp(`#/d/${dossierId}/list$`));
    await go(ahmed.page, `#/d/${dossierId}/samen`);
    await ahmed.page.getByRole('heading', { level: 1, name: 'Intervisie' }).waitFor();
    await chooseName(ahmed.page, 'Ahmed');
    await ahmed.page.getByLabel('Jouw vraag voor de groep', { exact: true }).fill('Hoe voorkom je dan dat die uitdooft?');
    await ahmed.page.getByRole('button', { name: 'Vraag inbrengen' }).click();
    const question = comment(ahmed.page, 'Hoe voorkom je dan dat die uitdooft?');
    await expect(question.locator('[data-author]').first().innerText()).resolves.toBe('Ahmed');
    // Sanne's comment on the clip is new for Ahmed, his own question is not.
    const sanneOnClip = comment(ahmed.page, 'Wie heeft dit al eens geprobeerd');
    await sanneOnClip.locator('[data-new]').waitFor();
    await expect(sanneOnClip.locator('[data-author]').first().innerText()).resolves.toBe('Sanne');
    await expect(question.locator('[data-new]').count()).resolves.toBe(0);
    await shot(ahmed.page, 'intervisie-ahmed');

    // Sanne sees Ahmed's question, marked new, and answers it.
    await go(sanne.page, `#/d/${dossierId}/samen`);
    const forSanne = comment(sanne.page, 'Hoe voorkom je dan dat die uitdooft?');
    await forSanne.locator('[data-new]').waitFor();
    await expect(forSanne.locator('[data-author]').first().innerText()).resolves.toBe('Ahmed');
    await expect(forSanne.locator('time').first().getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
    await forSanne.getByPlaceholder('Antwoord aan Ahmed').fill('Door elke keer iemand anders te laten koken.');
    await forSanne.getByRole('button', { name: 'Antwoorden' }).click();
    await comment(sanne.page, 'Door elke keer iemand anders te laten koken.').waitFor();
    await shot(sanne.page, 'intervisie-sanne');

    // Ahmed, back later: only Sanne's answer is new now (he looked before it was written).
    await ahmed.page.reload();
    await ahmed.page.getByRole('heading', { level: 1, name: 'Intervisie' }).waitFor();
    const answer = comment(ahmed.page, 'Door elke keer iemand anders te laten koken.');
    await answer.locator('[data-new]').waitFor();
    await expect(answer.locator('[data-author]').first().innerText()).resolves.toBe('Sanne');
    await expect(comment(ahmed.page, 'Wie heeft dit al eens geprobeerd').locator('[data-new]').count()).resolves.toBe(0);
    await expect(ahmed.page.locator('[data-new-count]').innerText()).resolves.toBe('1 nieuw sinds je laatst keek');

    // On the clip: Sanne's guided reflection is hers; Ahmed comments beside it.
    await go(ahmed.page, `#/d/${dossierId}/clip/${clipId}`);
    await ahmed.page.locator('[data-own-reflection]').waitFor();
    await expect(ahmed.page.locator('[data-own-reflection]').innerText()).resolves.toContain('Dit is de reflectie van Sanne');
    const hers = ahmed.page.locator('[data-reflection="transfer"]').getByRole('textbox').first();
    await expect.poll(() => hers.inputValue()).toBe('Het initiatief ligt bij de bewoners; ik sluit aan.');
    await expect(hers.isDisabled()).resolves.toBe(true);
    const ahmedThread = ahmed.page.locator('[data-clip-comments]');
    await ahmedThread.getByLabel('Jouw reactie').fill('In de Vogelbuurt wel: daar kookt elke week een ander gezin.');
    await ahmedThread.getByRole('button', { name: 'Reageren' }).click();
    await go(sanne.page, `#/d/${dossierId}/clip/${clipId}`);
    const fromAhmed = comment(sanne.page, 'In de Vogelbuurt wel');
    await fromAhmed.locator('[data-new]').waitFor();
    await expect(fromAhmed.locator('[data-author]').first().innerText()).resolves.toBe('Ahmed');
    await shot(ahmed.page, 'clip-comments-ahmed');
  });

  test('handing in: a frozen version, feedback from the assessor through a read-only link', async () => {
    // Sanne picks the framework, tags the clip and hands in.
    await go(sanne.page, `#/d/${dossierId}/clip/${clipId}`);
    await sanne.page.getByRole('button', { name: 'Thema’s kiezen' }).click();
    await sanne.page.getByRole('dialog').getByLabel('Eigenaarschap').check();
    await sanne.page.getByRole('dialog').getByRole('button', { name: 'Sluiten', exact: true }).last().click();
    await go(sanne.page, `#/d/${dossierId}/portfolio`);
    await sanne.page.getByLabel('Kader dat je leergang beoordeelt').selectOption({ label: 'De community werker' });
    const handIn = sanne.page.locator('[data-hand-in-panel]');
    await handIn.getByLabel('Naam van de versie').fill('Eindportfolio');
    await handIn.getByLabel('Module').fill('Module 2 Wijkgericht werken');
    await expect(handIn.getByText('Kader: De community werker').isVisible()).resolves.toBe(true);
    await handIn.getByRole('button', { name: 'Inleveren' }).click();
    await handIn.locator('[data-hand-in]').first().waitFor();
    await expect(handIn.locator('[data-hand-in]').first().innerText()).resolves.toMatch(/Eindportfolio[\s\S]*Ingeleverd op \d+ \w+ \d{4} door Sanne/);
    await shot(sanne.page, 'portfolio-handed-in');

    // Sanne keeps editing: the clip gets another title.
    await go(sanne.page, `#/d/${dossierId}/clip/${clipId}`);
    await sanne.page.getByRole('button', { name: 'Titel wijzigen' }).click();
    await sanne.page.getByRole('dialog').getByLabel('Titel', { exact: true }).fill('Buurtmaaltijd — later herschreven');
    await sanne.page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await sanne.page.getByRole('heading', { level: 1, name: 'Buurtmaaltijd — later herschreven' }).waitFor();

    // The assessor opens the read-only link: the portfolio shows the version handed in.
    assessor = await suite.openPage('Assessor', `/${new URL(readLink).hash}`);
    await assessor.page.waitForURL(new RegExp(`#/d/${dossierId}/portfolio$`));
    await assessor.page.locator('[data-read-only]').waitFor();
    const versions = assessor.page.locator('[data-hand-in-panel]');
    await versions.getByRole('link', { name: 'Eindportfolio' }).click();
    await assessor.page.getByRole('heading', { level: 1, name: 'Eindportfolio' }).waitFor();
    await expect(assessor.page.locator('[data-framework]').innerText()).resolves.toBe('De community werker');
    const frozen = assessor.page.locator(`[data-frozen-clip="${clipId}"]`);
    await expect(frozen.locator('h3').innerText()).resolves.toContain('Buurtmaaltijd in Kattenbroek');
    await expect(frozen.innerText()).resolves.toContain('Bewoners nemen zelf het initiatief');
    // The frozen version does not follow the later title (the presence bar may: it shows what
    // Sanne reads now).
    await expect(assessor.page.locator('[data-frozen-theme]').getByText('later herschreven').count()).resolves.toBe(0);
    await expect(assessor.page.locator('[data-hand-in-version]').getByText('later herschreven').count()).resolves.toBe(0);

    // Feedback on the piece of evidence and overall, sent through the relay.
    await assessor.page.locator('[data-relay-status], [data-read-only]').first().waitFor();
    const onClip = frozen.locator(`[data-feedback-block="clip:${clipId}"]`);
    await onClip.getByLabel('Jouw naam als beoordelaar').fill('Assessor Jansen');
    await onClip.getByLabel('Jouw feedback').fill('Sterk voorbeeld van eigenaarschap. Laat ook zien wat jouw rol was.');
    await onClip.getByRole('button', { name: 'Feedback geven' }).click();
    await onClip.locator('[data-feedback]').waitFor();
    const overall = assessor.page.locator('[data-feedback-block="overall"]');
    await overall.getByLabel('Jouw feedback').fill('Een verzorgd portfolio; werk de reflecties bij thema 3 nog uit.');
    await overall.getByRole('button', { name: 'Feedback geven' }).click();
    await overall.locator('[data-feedback]').waitFor();
    await shot(assessor.page, 'hand-in-assessor');

    // Sanne sees the feedback in the app and keeps it as evidence.
    await go(sanne.page, `#/d/${dossierId}/portfolio`);
    await sanne.page.locator('[data-hand-in-panel]').getByText('2 feedback').waitFor();
    await sanne.page.locator('[data-hand-in-panel]').getByRole('link', { name: 'Eindportfolio' }).click();
    const mine = sanne.page.locator(`[data-frozen-clip="${clipId}"] [data-feedback]`);
    await expect(mine.innerText()).resolves.toContain('Sterk voorbeeld van eigenaarschap');
    await expect(mine.innerText()).resolves.toContain('Assessor Jansen');
    await expect(sanne.page.locator(`[data-frozen-clip="${clipId}"] h3`).innerText()).resolves.toContain('Buurtmaaltijd in Kattenbroek');
    await mine.getByRole('button', { name: 'Bewaar als bewijs' }).click();
    await mine.getByRole('button', { name: 'Bewaard als bewijs' }).waitFor();
    await shot(sanne.page, 'hand-in-student');
    await go(sanne.page, `#/d/${dossierId}/list`);
    await sanne.page.locator('.clips > li h2', { hasText: 'Feedback op Eindportfolio' }).waitFor();
  });

  test('read-only: the assessor cannot rename or change anything', async () => {
    const { page } = assessor;
    const nameBefore = relays.relay.hocuspocus.documents.get(dossierId)!.getMap('meta').get('name');
    await go(page, '#/');
    const card = page.locator('.dossier', { hasText: 'Leergang Wijkgericht Werken' });
    await card.locator('[data-dossier-read-only]').waitFor();
    await expect(card.getByRole('button', { name: /Naam wijzigen/ }).count()).resolves.toBe(0);
    await shot(page, 'dossiers-read-only');

    await go(page, `#/d/${dossierId}/clip/${clipId}`);
    await page.getByLabel('Je reflectie op dit knipsel').waitFor();
    await expect(page.getByLabel('Je reflectie op dit knipsel').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Titel wijzigen' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Thema’s kiezen' }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-clip-comments]').getByRole('button', { name: 'Reageren' }).count()).resolves.toBe(0);
    await go(page, `#/d/${dossierId}/portfolio`);
    await expect(page.getByLabel('Kader dat je leergang beoordeelt').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-hand-in-panel]').getByRole('button', { name: 'Inleveren' }).count()).resolves.toBe(0);
    await go(page, `#/d/${dossierId}/samen`);
    await page.getByRole('heading', { level: 1, name: 'Intervisie' }).waitFor();
    await expect(page.getByRole('button', { name: 'Vraag inbrengen' }).count()).resolves.toBe(0);
    await go(page, `#/d/${dossierId}/list`);
    await expect(page.getByRole('button', { name: 'Knipsel toevoegen' }).first().isDisabled()).resolves.toBe(true);
    // Nothing of the assessor's reached the relay besides the feedback.
    expect(relays.relay.hocuspocus.documents.get(dossierId)!.getMap('meta').get('name')).toBe(nameBefore);
  });
});
