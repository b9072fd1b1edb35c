// Dutch texts for how themes are named and shown (number, group, full wording), suggested
// themes and the source of a reference. Spread into nl.ts; wording-en.ts has the same keys.

export const wordingNl = {
  wording: {
    also: (names: string) => `ook: ${names}`,
    search: 'Zoek een thema',
    searchPlaceholder: 'Naam, nummer of woord, bijvoorbeeld ‘regel 7’ of ‘eigenaarschap’',
    noMatch: 'Geen thema gevonden.',
    suggested: 'Past misschien bij',
    suggestedHint: 'De tekst lijkt op de omschrijving van deze thema’s. Klik om er een toe te voegen; de rest kun je negeren.',
    suggestAddPrefix: 'Thema toevoegen: ',
  },
  source: {
    title: 'Bron voor de bronvermelding',
    intro: 'Staat er iets verkeerd, of ontbreekt er iets? Verbeter het hier. Je eigen titel van het knipsel komt nooit in de bronvermelding.',
    edit: 'Bron aanpassen',
    sourceTitle: 'Titel van de bron',
    authors: 'Auteurs',
    authorsHint: 'Zoals ‘Jaap Ikink en Ben Koenen’. Leeg: geen auteur.',
    published: 'Datum van publicatie',
    publishedHint: 'JJJJ, JJJJ-MM of JJJJ-MM-DD. Leeg: z.d.',
    site: 'Website of tijdschrift',
    save: 'Bron opslaan',
    reset: 'Terug naar de pagina',
    saved: 'Bron aangepast',
    badDate: 'Schrijf de datum als 2016, 2016-12 of 2016-12-16.',
    inText: 'Verwijzing in de tekst',
    kind: 'Soort bron',
    kinds: { auto: 'Zoals herkend', blog: 'Blogbericht', news: 'Nieuwsbericht', report: 'Rapport of publicatie', webpage: 'Webpagina' },
  },
};
