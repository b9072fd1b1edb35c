// Dutch texts for sharing dossiers peer to peer: share, join, presence, settings.
// Spread into nl.ts; share-en.ts has the same keys.

const views: Record<string, string> = {
  list: 'bekijkt de knipsels',
  board: 'bekijkt het themabord',
  search: 'zoekt in het dossier',
  portfolio: 'bekijkt het portfolio',
  themes: 'bekijkt de thema’s',
  trash: 'bekijkt de prullenbak',
  export: 'is aan het exporteren',
  share: 'bekijkt Delen',
  elsewhere: 'is elders in Knipsel',
};

export const shareNl = {
  share: {
    title: 'Delen met collega’s',
    intro:
      'Werk samen aan een dossier met je wijkteam, leernetwerk of studiegroep. Je hebt geen account nodig: jullie apparaten wisselen wijzigingen rechtstreeks met elkaar uit en geen server bewaart je aantekeningen.',
    startTitle: 'Dit dossier delen',
    yourName: 'Je naam',
    yourNameHint: 'Zo zien collega’s je in het gedeelde dossier.',
    what: 'Wat wil je delen?',
    shareThis: 'Dit dossier',
    shareThisHint: 'Jij en je collega’s werken samen in dit dossier en zien elkaars wijzigingen.',
    shareCopy: 'Een kopie',
    shareCopyHint: 'Je deelt een kopie van dit dossier; het origineel blijft alleen van jou.',
    personalOnlyCopy: 'Je persoonlijke leerdossier deel je als kopie: daarin blijft de extensie je eigen knipsels bewaren.',
    copyName: (name: string) => `${name} (gedeeld)`,
    start: 'Uitnodigingslink maken',
    started: 'Het dossier is gedeeld. Stuur je collega’s de uitnodigingslink.',
    inviteTitle: 'Collega’s uitnodigen',
    inviteIntro: 'Stuur deze link naar je collega’s of laat ze de QR-code scannen met hun telefoon.',
    linkLabel: 'Uitnodigingslink',
    copyLink: 'Link kopiëren',
    copied: 'Link gekopieerd',
    copyFailed: 'Kopiëren lukte niet. Selecteer de link en kopieer hem zelf.',
    qrLabel: (name: string) => `QR-code met de uitnodigingslink voor ‘${name}’`,
    safety:
      'Wie de link heeft, kan het dossier openen en bewerken. Deel hem dus alleen met collega’s, via een kanaal dat je vertrouwt. Het geheime deel van de link gaat nooit naar een server.',
    everyoneEdits:
      'In een gedeeld dossier kan iedereen alles bewerken, ook knipsels verwijderen. Iemand alleen laten lezen kan pas met een relay-server.',
    manageTitle: 'Uitnodiging en deelname',
    renew: 'Nieuwe uitnodigingslink maken',
    renewHint: 'Gebruik dit als de link bij de verkeerde persoon terecht is gekomen.',
    renewTitle: 'Nieuwe uitnodigingslink maken?',
    renewWhat: 'Wie de oude link opent, krijgt het dossier daarna niet meer van jou.',
    renewDetail:
      'Collega’s die het dossier al hebben, houden wat ze hebben: dat kun je niet terughalen. Stuur de nieuwe link naar de collega’s met wie je verder wilt werken; zodra zij hem openen, werken jullie weer samen. Pas als iedereen is overgestapt, werkt de oude link helemaal niet meer. Iemand de toegang ontnemen of alleen laten lezen kan niet in een groep zonder server: daarvoor is een relay-server nodig.',
    renewConfirm: 'Ja, nieuwe link maken',
    renewed: 'Nieuwe uitnodigingslink gemaakt. Stuur hem naar je collega’s.',
    leave: 'Dossier verlaten',
    leaveHint: 'Het dossier verdwijnt van dit apparaat; je collega’s houden het.',
    leaveTitle: 'Gedeeld dossier verlaten?',
    leaveWhat: (name: string) => `‘${name}’ verdwijnt van dit apparaat en je ontvangt geen wijzigingen meer.`,
    leaveDetail: 'Je collega’s houden het dossier, ook alles wat jij erin hebt gezet.',
    keepCopy: 'Een eigen kopie bewaren',
    keepCopyHint: 'Een eigen dossier met alles van nu, dat niet meer wordt gedeeld.',
    privateCopyName: (name: string) => `${name} (eigen kopie)`,
    leaveConfirm: 'Ja, verlaten',
    left: (name: string) => `Je hebt ‘${name}’ verlaten`,
    badName: 'Vul je naam in (hoogstens 60 tekens).',
    morePanels: 'Meer manieren om te delen',
  },

  presence: {
    title: 'Wie is er nu',
    you: (name: string) => `${name} (jij)`,
    connecting: 'Verbinden met collega’s…',
    connected: (n: number) => (n === 1 ? 'Verbonden met 1 collega' : `Verbonden met ${n} collega’s`),
    alone: 'Niemand anders online. Je wijzigingen blijven bewaard en gaan mee zodra een collega online is.',
    offline: 'Je bent offline. Je wijzigingen blijven bewaard en gaan mee zodra je weer verbinding hebt.',
    noServer: 'De verbindingsserver is niet bereikbaar. Controleer je internetverbinding, of de verbindingsserver bij Instellingen.',
    views,
    reading: (title: string) => `leest ‘${title}’`,
    readingUnknown: 'leest een knipsel',
    inDossier: 'is in het dossier',
    shared: 'Gedeeld dossier',
    /** Short status on a shared dossier's card (Dossiers screen). */
    card: { connecting: 'Verbinden…', alone: 'Niemand online', offline: 'Offline' },
  },

  join: {
    title: 'Uitnodiging voor een gedeeld dossier',
    waiting: 'Wachten op een collega die online is…',
    waitingHint:
      'Het dossier komt rechtstreeks van je collega’s, niet van een server. Zodra iemand uit de groep Knipsel open heeft, verschijnt het hier. Laat dit scherm gerust openstaan.',
    found: 'Je bent uitgenodigd voor',
    sharedBy: (name: string) => `Gedeeld door ${name}`,
    joinButton: 'Deelnemen',
    notNow: 'Niet nu',
    joined: (name: string) => `Je doet mee met ‘${name}’`,
    known: (name: string) => `‘${name}’ staat al op dit apparaat.`,
    openKnown: 'Dossier openen',
    otherInvite: (name: string) => `Het dossier ‘${name}’ staat al op dit apparaat, maar deze link hoort bij een andere uitnodiging.`,
    copyHint: 'Weet je niet zeker waar deze link vandaan komt? Doe dan mee met een nieuwe kopie: je eigen dossier blijft zoals het is en gaat niet naar deze groep.',
    asCopy: 'Deelnemen als nieuwe kopie',
    repointSummary: (name: string) => `Nieuwe link van je eigen groep? ‘${name}’ aan deze uitnodiging koppelen…`,
    repointWarning:
      'Alles in je dossier gaat dan naar iedereen die deze link heeft. Doe dit alleen als je zeker weet dat de link van je eigen groep komt, bijvoorbeeld omdat de eigenaar een nieuwe link heeft gemaakt.',
    repoint: 'Ja, koppelen aan deze uitnodiging',
    newcomer: 'Nieuwe collega',
    problems: {
      'not-an-invite': 'Dit is geen uitnodigingslink van Knipsel.',
      damaged: 'Deze uitnodigingslink is beschadigd of onvolledig. Vraag je collega om de link opnieuw te sturen, of kopieer hem in zijn geheel.',
      'unsupported-version': 'Deze link is gemaakt met een andere versie van Knipsel. Vernieuw de app en probeer het opnieuw.',
      'not-shared': 'Dit dossier staat op dit apparaat als eigen dossier. Het kan niet via een link worden gedeeld.',
      connect: 'Verbinden lukte niet. Controleer de verbindingsserver bij Instellingen.',
    },
  },

  settings: {
    title: 'Instellingen',
    peerTitle: 'Samenwerken in gedeelde dossiers',
    name: 'Je naam voor collega’s',
    noName: 'Nog niet ingesteld: je vult hem in als je voor het eerst deelt of deelneemt.',
    signaling: 'Verbindingsserver',
    signalingHint: (own: string) =>
      `Via deze server vinden de apparaten van je groep elkaar; hij ziet je dossier nooit. Laat leeg voor de server van deze app (${own}).`,
    ice: 'STUN-servers',
    iceHint:
      'Helpen apparaten op verschillende netwerken elkaar te bereiken. Ze zien alleen IP-adressen, nooit je dossier. Eén per regel; laat leeg om alleen binnen hetzelfde netwerk te verbinden.',
    save: 'Instellingen bewaren',
    saved: 'Instellingen bewaard',
    reset: 'Standaard herstellen',
    problems: {
      'signaling-not-websocket': 'Gebruik een adres dat begint met wss:// (of ws://).',
      'signaling-invalid': 'Dit is geen geldig serveradres.',
      'ice-invalid': 'Elke STUN-server begint met stun: of stuns:, bijvoorbeeld stun:stun.voorbeeld.nl:3478.',
      'ice-too-many': 'Gebruik hoogstens vijf STUN-servers.',
    },
  },
};
