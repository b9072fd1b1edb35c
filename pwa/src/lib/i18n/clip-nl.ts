// Dutch texts for reading a clip: its kept images, removing noise ("Opschonen") and
// highlighting in the reader. Spread into nl.ts; clip-en.ts has the same keys.
export const clipNl = {
  clipText: {
    image: 'Afbeelding',
    imagesHint: 'Afbeeldingen die niet bewaard zijn, laadt Knipsel niet: klik om ze bij de bron te bekijken.',
    clean: 'Opschonen',
    cleanHint: 'Haal stukken weg die niet bij de tekst horen (menu, cookiemelding, advertentie). Het origineel blijft bewaard.',
    cleanDone: 'Klaar',
    removeBlock: 'Weghalen',
    restoreBlock: 'Terugzetten',
    blockRemoved: 'Stuk weggehaald',
    removedCount: (n: number) => (n === 1 ? '1 stuk weggehaald' : `${n} stukken weggehaald`),
    restoreAll: 'Alles terugzetten',
    markHint: 'Selecteer tekst om die te markeren.',
    mark: 'Markeren',
    markAs: 'Markeer als',
    markNote: 'Notitie bij de markering (optioneel)',
    marked: 'Markering bewaard',
    edit: 'Aanpassen',
    editTitle: 'Markering aanpassen',
    colour: 'Kleur',
    note: 'Notitie',
    remove: 'Verwijderen',
    highlightChanged: 'Markering aangepast',
    highlightRemoved: 'Markering verwijderd',
    cancel: 'Annuleren',
  },
};
