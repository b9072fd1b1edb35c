// Dutch texts for what is shared to the app from a phone, and for links waiting for their
// page's text. Spread into nl.ts; shared-en.ts has the same keys.

export const sharedNl = {
  shared: {
    title: 'Gedeeld met Knipsel',
    saving: 'Bezig met bewaren…',
    saved: 'Bewaard in Knipsel',
    failed: 'Het gedeelde kon niet worden ontvangen. Deel het nog een keer.',
    nothing: 'Er wacht niets meer om bewaard te worden.',
    photo: (date: string) => `Foto van ${date}`,
    toComplete: 'Aan te vullen',
    toCompleteHint: 'Alleen de link is bewaard. De Knipsel-extensie op je computer vult de tekst van de pagina aan zodra het dossier daar is.',
    toList: 'Naar de knipsels',
  },
};
