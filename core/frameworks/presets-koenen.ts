// The two preset frameworks from Ben Koenen's texts in tests/fixtures/domain-texts/: the ten
// traits of the community worker (text 000) and hulp, zorg en welzijn (text 002).
import type { PresetFramework } from './preset-types.js';

export const communityWerker: PresetFramework = {
  // Text 000. Each description is the numbered trait completed with its heading "De community
  // werker:", sometimes followed by a sentence from the same blog.
  id: 'community-werker',
  name: 'De community werker',
  description:
    'De tien kenmerken van de community werker: een nieuw ambacht in het sociale domein, voortkomend uit de transformatie van het sociale domein, ontwikkeld door het gilde van community werkers Creative Tinkers.',
  source: 'Ben Koenen, ‘community werker – het nieuwe ambacht’ (blog, Creative Tinkers)',
  color: '#2a8a7e',
  itemLabel: { nl: 'kenmerk', en: 'trait' },
  themes: [
    {
      id: 'community-werker.in-en-vanuit-de-community',
      number: 1,
      name: 'In en vanuit de community',
      description: 'De community werker werkt in en vanuit de community.',
    },
    {
      id: 'community-werker.leefwereld',
      number: 2,
      name: 'Aansluiten bij de leefwereld',
      description: 'De community werker sluit aan bij de leefwereld van de bewoners. Vanuit nieuwsgierigheid en het opbouwen van relaties sluit je aan bij de bewoners.',
    },
    {
      id: 'community-werker.bewonersambities',
      number: 3,
      name: 'Bewonersambities coachen',
      description:
        'De community werker heeft als kerntaak het coachen van bewonersambities (individueel en collectief). Het willen coachen van bewonersambities komt van binnenuit.',
    },
    {
      id: 'community-werker.talenten-verbinden',
      number: 4,
      name: 'Talenten verbinden',
      description: 'De community werker verbindt talenten van bewoners.',
    },
    {
      id: 'community-werker.eigenaarschap',
      number: 5,
      name: 'Eigenaarschap',
      description: 'De community werker is gericht op eigenaarschap: bewoner is eigenaar van het probleem en de oplossing.',
    },
    {
      id: 'community-werker.maatschappelijke-waarde',
      number: 6,
      name: 'Maatschappelijke waarde',
      description: 'De community werker is gericht op maatschappelijke waarde creëren.',
    },
    {
      id: 'community-werker.samenwerken',
      number: 7,
      name: 'Samen met bewoners en professionals',
      description: 'De community werker werkt samen met bewoners en professionals. Door samen te werken met andere disciplines leer je breder te kijken, denken en doen.',
    },
    {
      id: 'community-werker.buurt-en-wijkgericht',
      number: 8,
      name: 'Buurt- en wijkgericht',
      description: 'De community werker werkt vooral buurt- en wijkgericht.',
    },
    {
      id: 'community-werker.transformatie',
      number: 9,
      name: 'Transformatie van het sociale domein',
      description: 'De community werker werkt samen met bewoners aan de transformatie van het sociale domein.',
    },
    {
      id: 'community-werker.lef-en-ondernemerschap',
      number: 10,
      name: 'Lef, ondernemerschap, creativiteit en innovatie',
      description: 'De community werker heeft competenties als lef, ondernemerschap, creativiteit en innovatie. Je hebt lef, je bent creatief en toont ondernemerschap.',
    },
  ],
};

export const hulpZorgWelzijn: PresetFramework = {
  // Text 002. Hulp, zorg en welzijn are "drie verschillende ambachten"; the transformatieopgave
  // "vraagt nog iets anders": preventie, presentie, normaliseren, innovatie ("Zet bewust in op
  // innovatie, preventie en normaliseren", presentie from the passage on prevention).
  id: 'hulp-zorg-welzijn',
  name: 'Hulp, zorg en welzijn',
  description:
    'Hulp, zorg en welzijn zijn drie verschillende ambachten in het sociale wijkteam. De transformatieopgave vraagt daarnaast om preventie, presentie, normaliseren en innovatie, samen met bewoners.',
  source: 'Ben Koenen, column ‘Als de plaat blijft hangen’ (Ben benieuwd), geschreven voor de KIONN-conferentie',
  color: '#4f8a3a',
  groups: [
    {
      id: 'ambachten',
      name: 'Ambachten',
      description: 'Hulp, zorg en welzijn zijn drie verschillende ambachten en laten we dat vooral onderkennen en zo houden.',
    },
    {
      id: 'transformatieopgave',
      name: 'Transformatieopgave',
      description: 'De transformatieopgave vraagt nog iets anders van de wijkteam professionals. Zet bewust in op innovatie, preventie en normaliseren.',
    },
  ],
  themes: [
    {
      id: 'hulp-zorg-welzijn.hulp',
      name: 'Hulp',
      description:
        'Hulpverleners zijn intrinsiek gemotiveerd om mensen te helpen. Hun hart gaat sneller kloppen als zij mensen kunnen helpen bij het oplossen van hun individuele problemen.',
      group: 'ambachten',
    },
    {
      id: 'hulp-zorg-welzijn.zorg',
      name: 'Zorg',
      description: 'Zorgverleners zijn intrinsiek gemotiveerd om mensen te verzorgen. Hun hart gaat sneller kloppen als zij mensen kunnen verzorgen om hen gezonder te maken.',
      group: 'ambachten',
    },
    {
      id: 'hulp-zorg-welzijn.welzijn',
      name: 'Welzijn',
      description:
        'Welzijnswerkers zijn intrinsiek gemotiveerd om samen met bewoners te werken aan een sterke community: het coachen van collectieve ambities van bewoners, nieuwe activiteiten, diensten en voorzieningen ontwikkelen.',
      group: 'ambachten',
    },
    {
      id: 'hulp-zorg-welzijn.preventie',
      name: 'Preventie',
      description: [
        'Bij alle drie gaat het om preventie, maar wel vanuit de verschillende ambachten.',
        'Welzijn: samen met bewoners collectieve activiteiten, diensten en voorzieningen opzetten in de wijk, waar bewoners met elkaar op terug kunnen vallen.',
        'Hulp: het voorkomen van professionele hulp, door vaardigheden van bewoners te versterken en het sociale ondersteunende netwerk rondom een individuele case te vergroten.',
        'Zorg: het voorkomen van ziekte, wat bijdraagt aan het welbevinden van de cliënt.',
        'Preventie gaat ook over het benutten van kansen, gericht op groei en ontwikkeling van mensen.',
      ].join('\n'),
      group: 'transformatieopgave',
    },
    {
      id: 'hulp-zorg-welzijn.presentie',
      name: 'Presentie',
      description: 'Preventie gaat gepaard met presentie: aanwezig zijn in de wijk, contact maken, een relatie opbouwen met de bewoners en vroegtijdig inzien wat er nodig is.',
      group: 'transformatieopgave',
    },
    {
      id: 'hulp-zorg-welzijn.normaliseren',
      name: 'Normaliseren',
      description: 'Hoe ga je hulp en zorg normaliseren, zodat bewoners elkaar meer gaan helpen?',
      group: 'transformatieopgave',
    },
    {
      id: 'hulp-zorg-welzijn.innovatie',
      name: 'Innovatie',
      description: [
        'De column noemt innovatie („Zet bewust in op innovatie, preventie en normaliseren”) zonder het uit te werken; Knipsel leest het met deze vraag uit dezelfde column:',
        'Hoe ga je hulp, zorg en welzijn veranderen en vernieuwen, omdat de huidige systemen en structuren onvoldoende werken?',
      ].join('\n'),
      group: 'transformatieopgave',
    },
  ],
};
