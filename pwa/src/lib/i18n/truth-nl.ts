// Dutch texts for sharing that says what is true: who is here (also through the relay),
// an old invitation link, revoking with a question and undo, a relay that cannot be reached,
// concurrent edits and the dossier's history. Spread into nl.ts; truth-en.ts has the same keys.

const changes = (n: number) => (n === 1 ? '1 wijziging wacht' : `${n} wijzigingen wachten`);

export const truthNl = {
  truth: {
    oldLink: {
      title: 'Deze link hoort bij een oudere uitnodiging',
      body: 'Er zijn collega’s van dit dossier online, maar zij gebruiken een nieuwere uitnodiging. Met deze link kom je er daarom niet in.',
      what: 'Vraag degene die het dossier met je deelde om de nieuwste link (bij Delen: ‘Link kopiëren’) en open die.',
    },
    relayDown: {
      title: 'De relay-server is niet bereikbaar',
      body: (n: number) =>
        n === 0
          ? 'Je bent wel online. Wat je wijzigt blijft bewaard en gaat mee zodra de server weer bereikbaar is.'
          : `Je bent wel online. ${changes(n)} op de server; ze gaan mee zodra die weer bereikbaar is.`,
      short: 'Relay-server niet bereikbaar',
    },
    revoke: {
      title: 'Toegang intrekken?',
      message: (label: string) => `${label} kan dit dossier daarna niet meer openen of bijwerken via de relay-server.`,
      detail: 'Wat al op het apparaat van die persoon staat, blijft daar. Je kunt het intrekken nog even ongedaan maken.',
      confirm: 'Ja, toegang intrekken',
      pending: (label: string) => `Toegang van ${label} wordt ingetrokken…`,
      undo: 'Ongedaan maken',
      undone: (label: string) => `${label} houdt toegang`,
      done: (label: string) => `Toegang van ${label} ingetrokken`,
      showLink: 'Link tonen',
      hideLink: 'Link verbergen',
      linkElsewhere: 'Deze link is op een ander apparaat gemaakt; hier is hij niet bewaard.',
    },
    revoked: {
      banner:
        'Je toegang tot dit dossier is ingetrokken door de eigenaar. Wat je al had blijft op dit apparaat staan, maar nieuwe wijzigingen komen niet meer binnen en die van jou gaan niet meer mee.',
      what: 'Denk je dat dit een vergissing is? Vraag de eigenaar om een nieuwe link.',
    },
    presence: {
      viaRelay: 'via de relay-server',
      here: (n: number) => (n === 1 ? '1 collega in het dossier' : `${n} collega’s in het dossier`),
      nobody: 'Niemand anders in het dossier op dit moment.',
    },
    conflict: {
      title: (who: string, lost: string) => `${who} wijzigde dezelfde titel tegelijk met jou. ‘${lost}’ is daardoor vervangen.`,
      name: (who: string, lost: string) => `${who} wijzigde de naam van het dossier tegelijk met jou. ‘${lost}’ is daardoor vervangen.`,
      kept: (who: string) => `${who} wijzigde dezelfde titel tegelijk met jou. Jouw titel bleef staan; ${who} vindt de eigen titel terug in de geschiedenis.`,
      trashedWhileEdited: (who: string, title: string) => `${who} heeft ‘${title}’ naar de prullenbak verplaatst terwijl jij het bewerkte. Je wijziging staat er nog in.`,
      editedInTrash: (who: string, title: string) => `${who} heeft ‘${title}’ bewerkt, maar het ligt in de prullenbak.`,
      someone: 'Een collega',
      toHistory: 'Bekijk de geschiedenis',
    },
    history: {
      title: 'Geschiedenis',
      intro: 'Wie wat veranderde in dit dossier, zoals dit apparaat het zag gebeuren. Een eerdere titel, reflectie of thema-indeling zet je hier terug.',
      empty: 'Nog geen wijzigingen gezien sinds dit dossier op dit apparaat staat.',
      you: 'Jij',
      unknown: 'Iemand',
      onClip: (title: string) => `‘${title}’`,
      dossier: 'Het dossier',
      fields: { name: 'naam', title: 'titel', note: 'reflectie', themes: 'thema’s', trashed: 'prullenbak' },
      changed: (field: string) => `wijzigde de ${field}`,
      trashed: 'verplaatste het naar de prullenbak',
      untrashed: 'zette het terug uit de prullenbak',
      before: 'Was',
      after: 'Werd',
      lostYours: 'Jouw waarde ging verloren door de gelijktijdige wijziging',
      lost: (who: string) => `Verloren door gelijktijdige wijziging (van ${who})`,
      lostElsewhere: (who: string) => `Gelijktijdige wijziging van ${who}: ${who} vindt die terug in de eigen geschiedenis.`,
      noThemes: 'geen thema’s',
      emptyValue: 'leeg',
      restoreBefore: 'Vorige waarde terugzetten',
      restoreLost: 'Verloren waarde terugzetten',
      restored: 'Teruggezet',
      gone: 'Dit knipsel bestaat niet meer.',
      more: 'Meer tonen',
      all: 'Alle wijzigingen tonen',
    },
  },
};
