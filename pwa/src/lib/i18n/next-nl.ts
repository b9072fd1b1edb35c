// Dutch: what empty screens on the first load say next (the list of a new dossier, an import
// just done). Spread into nl.ts; next-en.ts has the same keys.

export const nextNl = {
  next: {
    clipTip: 'Knippen: open een webpagina, klik op het Knipsel-icoon in de werkbalk en kies „Knippen”.',
    listEmpty: 'Nog geen knipsels in dit dossier. Knip een webpagina met de extensie, voeg hier een link of tekst toe, of haal je bladwijzers binnen.',
    importBookmarks: 'Bladwijzers importeren',
    boardEmpty: 'Nog geen knipsels om te ordenen. Zodra je knipt, komen ze hier bij Ongesorteerd en sleep of tik je ze naar een thema.',
    toList: 'Naar de knipsels',
    imported: (n: number) => (n === 1 ? 'Je ziet het knipsel dat je net importeerde.' : `Je ziet de ${n} knipsels die je net importeerde.`),
    allClips: 'Alle knipsels tonen',
    portfolioEmpty: 'Nog geen knipsels. Knip en orden eerst een paar voorbeelden; hier zie je dan per thema hoeveel bewijs je hebt.',
  },
};
