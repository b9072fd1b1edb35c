// Dutch texts for a new user's first hour: the welcome of the first run, installing and pairing
// the extension (also on Settings and for an address of a clip that is still in the extension),
// completing a link, the parts of Settings beyond sharing — used only by lazy chunks, so they
// are not in nl.ts (the first load stays small): components take them from `welcomeTexts()`.
// welcome-en.ts has the same keys; what empty screens suggest next is in next-nl.ts.

export const welcomeNl = {
  welcome: {
    title: 'Welkom bij Knipsel',
    intro:
      'Knipsel bewaart praktijkvoorbeelden van het web in je eigen leerdossier, geordend naar de thema’s van je vak. Je knipt met de browserextensie, reflecteert hier en stelt er een portfolio mee samen; alles blijft op je eigen apparaat tot je een dossier deelt.',
    stepExtension: '1. Knippen met de extensie',
    stepFrameworks: '2. Met welke kaders werk je?',
    frameworksHelp: 'Een kader is een set thema’s uit het vak; je ordent je knipsels ermee. Dit kun je later altijd wijzigen bij Thema’s.',
    themeCount: (n: number) => (n === 1 ? '1 thema' : `${n} thema’s`),
    own: 'Eigen thema’s',
    ownHelp: 'Een leeg kader waarin je zelf thema’s zet.',
    ownName: 'Mijn thema’s',
    stepDossier: '3. Hoe heet je eerste dossier?',
    dossierName: 'Naam van je eerste dossier',
    dossierHelp: 'Hierin komt alles wat je knipt. Later kun je meer dossiers maken, bijvoorbeeld voor je wijkteam.',
    start: 'Aan de slag',
    later: 'Later',
    laterHelp: 'De uitleg over de extensie staat ook bij Instellingen.',
    badName: 'Geef je dossier een naam van hooguit 120 tekens.',
    noFramework: 'Kies minstens één kader, of eigen thema’s.',
    ready: (name: string) => `‘${name}’ staat klaar`,
  },

  install: {
    intro: 'Met de Knipsel-extensie bewaar je een webpagina in twee klikken, ook als deze app dicht is.',
    chrome: 'Chrome of Edge',
    chromeSteps: [
      'Ga naar chrome://extensions en zet rechtsboven de ontwikkelaarsmodus aan.',
      'Klik op „Uitgepakte extensie laden” en kies de map chrome-mv3 van Knipsel (in dist/extension).',
      'Klik op het puzzelstukje in de werkbalk en zet Knipsel vast.',
    ],
    firefox: 'Firefox',
    firefoxSteps: [
      'Ga naar about:debugging en kies „Deze Firefox”.',
      'Klik op „Tijdelijke add-on laden” en kies manifest.json in de map firefox-mv2 van Knipsel (in dist/extension).',
      'Klik op het puzzelstukje in de werkbalk en zet Knipsel vast.',
    ],
    configure: (origin: string) => `Open de instellingen van de extensie en zet daar het adres van deze app: ${origin}`,
    thenPair: 'Daarna vraagt de app hier om de extensie te koppelen; dat doe je één keer.',
    notYet: 'Nog geen extensie? Zo installeer je hem',
    connected: 'De extensie is gekoppeld. Wat je knipt, komt vanzelf in deze app.',
  },

  stillInExtension: {
    title: 'Dit knipsel staat nog in de extensie',
    text: 'Koppel de extensie één keer aan deze app. Daarna komt het knipsel hierheen en opent het hier vanzelf.',
  },

  completeLink: {
    none: 'Van deze link is nog geen tekst bewaard.',
    how: 'Vul hem aan met de extensie: open de pagina, klik op het Knipsel-icoon en kies „Tekst aanvullen”. Je notitie, thema’s en markeringen blijven.',
    open: 'Pagina openen om aan te vullen',
    needExtension: 'Daarvoor heb je de Knipsel-extensie nodig, gekoppeld aan deze app.',
    settings: 'Zo installeer je de extensie',
  },

  appSettings: {
    general: 'Algemeen',
    language: 'Taal van de app',
    startDossier: 'Dossier bij het openen van de app',
    startLast: 'Het laatst gebruikte dossier',
    startHelp: 'Welk dossier de app laat zien als je hem opent.',
    extension: 'Browserextensie',
    storage: 'Opslag',
    storageUsed: (used: string, quota: string) => `${used} in gebruik van de ${quota} die de browser Knipsel geeft.`,
    storageUnknown: 'De browser zegt niet hoeveel ruimte Knipsel gebruikt.',
    storagePersisted: 'De browser ruimt deze gegevens niet zomaar op.',
    storageNotPersisted: 'Let op: de browser mag deze gegevens opruimen als de schijf vol raakt. Maak geregeld een back-up.',
    dossierCount: (n: number) => (n === 1 ? '1 dossier' : `${n} dossiers`),
    backups: 'Back-ups',
    backupsText: 'Een back-up is één bestand met alles van een dossier. Bewaar het op een veilige plek; je zet het terug op elk apparaat.',
    backupOf: (name: string) => `Back-up van ‘${name}’ maken`,
    about: 'Over Knipsel',
    aboutText:
      'Knipsel is een leerdossier voor sociaal professionals. Je gegevens staan in deze browser op dit apparaat; er is geen account en geen server die je notities bewaart.',
    version: (version: string) => `Versie ${version}`,
    welcomeAgain: 'Welkom opnieuw tonen',
  },
};
