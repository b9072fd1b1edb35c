// The six preset frameworks of craft themes that Knipsel ships, with their item wording
// quoted (in Dutch) from the domain texts in tests/fixtures/domain-texts/. Data plus two lookups.

export interface PresetTheme {
  /** Stable id, never changes once shipped: `${frameworkId}.${slug}` e.g. "community-werker.eigenaarschap". */
  id: string;
  name: string;
  description: string;
  /** Optional sub-group inside a framework (DichtErBij: houding / werkwijze). */
  group?: string;
}

export interface PresetFramework {
  /** Stable id, kebab-case: "community-werker", "gouden-regels", "dichterbij", "bouwstenen", "interventierichtingen", "hulp-zorg-welzijn". */
  id: string;
  name: string;
  description: string;
  source: string;
  /** #rrggbb, a calm distinct colour per framework (readable as a chip background with dark text at ~15% tint, and as a border). */
  color: string;
  themes: readonly PresetTheme[];
}

const brief =
  'Wietske Gercama (programma-secretaris Wmo-werkplaats Noord-Holland), brief aan sociale professionals ‘Op reis… op naar een gouden eeuw voor sociale professionals!’';

export const presetFrameworks: readonly PresetFramework[] = [
  {
    // Text 000. Descriptions: the numbered trait, completed with its heading "De community
    // werker:", sometimes followed by a sentence from the same blog.
    id: 'community-werker',
    name: 'De community werker',
    description:
      'De tien kenmerken van de community werker: een nieuw ambacht in het sociale domein, voortkomend uit de transformatie van het sociale domein, ontwikkeld door het gilde van community werkers Creative Tinkers.',
    source: 'Ben Koenen, ‘community werker – het nieuwe ambacht’ (blog, Creative Tinkers)',
    color: '#2a8a7e',
    themes: [
      {
        id: 'community-werker.in-en-vanuit-de-community',
        name: 'In en vanuit de community',
        description: 'De community werker werkt in en vanuit de community.',
      },
      {
        id: 'community-werker.leefwereld',
        name: 'Aansluiten bij de leefwereld',
        description:
          'De community werker sluit aan bij de leefwereld van de bewoners. Vanuit nieuwsgierigheid en het opbouwen van relaties sluit je aan bij de bewoners.',
      },
      {
        id: 'community-werker.bewonersambities',
        name: 'Bewonersambities coachen',
        description:
          'De community werker heeft als kerntaak het coachen van bewonersambities (individueel en collectief). Het willen coachen van bewonersambities komt van binnenuit.',
      },
      {
        id: 'community-werker.talenten-verbinden',
        name: 'Talenten verbinden',
        description: 'De community werker verbindt talenten van bewoners.',
      },
      {
        id: 'community-werker.eigenaarschap',
        name: 'Eigenaarschap',
        description:
          'De community werker is gericht op eigenaarschap: bewoner is eigenaar van het probleem en de oplossing.',
      },
      {
        id: 'community-werker.maatschappelijke-waarde',
        name: 'Maatschappelijke waarde',
        description: 'De community werker is gericht op maatschappelijke waarde creëren.',
      },
      {
        id: 'community-werker.samenwerken',
        name: 'Samen met bewoners en professionals',
        description:
          'De community werker werkt samen met bewoners en professionals. Door samen te werken met andere disciplines leer je breder te kijken, denken en doen.',
      },
      {
        id: 'community-werker.buurt-en-wijkgericht',
        name: 'Buurt- en wijkgericht',
        description: 'De community werker werkt vooral buurt- en wijkgericht.',
      },
      {
        id: 'community-werker.transformatie',
        name: 'Transformatie van het sociale domein',
        description: 'De community werker werkt samen met bewoners aan de transformatie van het sociale domein.',
      },
      {
        id: 'community-werker.lef-en-ondernemerschap',
        name: 'Lef en ondernemerschap',
        description:
          'De community werker heeft competenties als lef, ondernemerschap, creativiteit en innovatie. Je hebt lef, je bent creatief en toont ondernemerschap.',
      },
    ],
  },
  {
    // Text 004. Descriptions: the rules verbatim (rule 2: "ambulante" corrected to "ambulant").
    id: 'gouden-regels',
    name: '10 gouden regels',
    description:
      'De tien gouden regels voor het werken aan sociale vraagstukken in de buurt, landelijk verzameld binnen de Wmo-werkplaatsen: een richtsnoer waarmee je snel grip krijgt op de wijk.',
    source: `${brief}; de regels zijn landelijk verzameld binnen de Wmo-werkplaatsen`,
    color: '#b07d1a',
    themes: [
      {
        id: 'gouden-regels.actief-in-de-wijk',
        name: '85% actief in de wijk',
        description: 'Je bent 85% van je werktijd actief met bewoners in de wijk.',
      },
      {
        id: 'gouden-regels.ambulant-werken',
        name: 'Ambulant werken',
        description: 'Je werkt ambulant en hebt geen vaste werkplek.',
      },
      {
        id: 'gouden-regels.agenda-voor-de-buurt',
        name: 'Bewoners maken de buurtagenda',
        description: 'Je laat bewoners een agenda voor de buurt opstellen op basis van hun wijkanalyse.',
      },
      {
        id: 'gouden-regels.alle-levensdomeinen',
        name: 'Alle levensdomeinen',
        description: 'Je besteedt aandacht aan alle levensdomeinen van bewoners in de buurt.',
      },
      {
        id: 'gouden-regels.buurtplan',
        name: 'Samen een buurtplan',
        description: 'Met je collega’s en bewoners maak je op basis van analyse, agenda en domeinen een buurtplan.',
      },
      {
        id: 'gouden-regels.startmotor',
        name: 'Startmotor voor ontwikkeling',
        description: 'Je bent de startmotor voor de ontwikkeling van bewoners en van de buurt.',
      },
      {
        id: 'gouden-regels.honderd-bewoners',
        name: '100 actieve bewoners kennen',
        description: 'Je kent minimaal 100 bewoners die actief bijdragen aan de buurt.',
      },
      {
        id: 'gouden-regels.proactief-vragen-zoeken',
        name: 'Proactief op zoek naar vragen',
        description: 'Je gaat overal in de wijk pro-actief op zoek naar vragen.',
      },
      {
        id: 'gouden-regels.passend-antwoord',
        name: 'Passend antwoord in de buurt',
        description: 'Je zoekt voor elke vraag een passend antwoord in de buurt.',
      },
      {
        id: 'gouden-regels.wat-iemand-te-bieden-heeft',
        name: 'Wat iemand te bieden heeft',
        description:
          'Je kijkt bij vragen om ondersteuning altijd ook naar wat diegene aan anderen te bieden heeft.',
      },
    ],
  },
  {
    // Text 004. One framework, grouped by the text's own words: ten houdingsprincipes and
    // five werkprincipes (derived from the houdingsprincipes). Descriptions verbatim, with
    // small typos mended ("tav", "de degene", "Je ben", "leer-en").
    id: 'dichterbij',
    name: 'DichtErBij',
    description:
      'De methodiek voor wijkteams DichtErBij©: tien houdingsprincipes die richting geven aan je handelen samen met de bewoners, en vijf werkprincipes die daarvan zijn afgeleid, voor het werk met je team en de bewoners.',
    source: `Methodiek voor wijkteams DichtErBij©, beschreven in: ${brief}`,
    color: '#3f6fb5',
    themes: [
      {
        id: 'dichterbij.niet-weten',
        name: 'In gesprek vanuit niet-weten',
        description: 'Je gaat in gesprek vanuit het „niet weten”, je stelt vragen, ook vragen die moeilijk zijn.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.van-probleem-naar-toekomst',
        name: 'Van probleem naar toekomst',
        description:
          'Je begint bij het probleem en richt je van daaruit op de toekomst: eerst in voldoende mate erkenning voor het probleem, dan pas richting de toekomst.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.nadruk-op-kracht',
        name: 'Nadruk op kracht',
        description: 'Je legt de nadruk op de kracht die aanwezig is bij degene die je ondersteunt.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.ruimte-voor-ambivalentie',
        name: 'Motiveren met ruimte voor ambivalentie',
        description:
          'Je motiveert in de richting die gewenst is, maar je biedt ruimte voor ambivalentie, en je bevordert het spreken over de veranderingen die bereikt zijn.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.eigen-referentiekader',
        name: 'Eigen referentiekader',
        description:
          'Je bent je bewust van je eigen referentiekader. Je reflecteert op je eigen houding ten aanzien van de situatie.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.betekenis-als-leidraad',
        name: 'Betekenis van de ander als leidraad',
        description:
          'Je realiseert je dat de ervaring van en de betekenis die degene die je ondersteunt aan zijn situatie verleent je leidraad is, en brengt dat in de praktijk.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.partners-in-een-zoektocht',
        name: 'Partners in een zoektocht',
        description: 'Je werkt samen als partners in een zoektocht.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.leer-en-ontwikkelproces',
        name: 'Oog voor het leer- en ontwikkelproces',
        description:
          'Je hebt oog voor het leer- en ontwikkelproces en kijkt goed wanneer vaart teruggenomen moet worden.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.maatschappelijke-krachten',
        name: 'Bewust van maatschappelijke krachten',
        description:
          'Je bent je bewust van de krachten: kansen/stimulerende factoren, belemmeringen en beperkingen van maatschappelijke factoren.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.grenzen-van-invloed',
        name: 'Grenzen van je invloed',
        description: 'Je bent je bewust tot op welke hoogte je maatschappelijke factoren kunt beïnvloeden.',
        group: 'Houdingsprincipes',
      },
      {
        id: 'dichterbij.dicht-in-de-leefwereld',
        name: 'Hulp dicht in de leefwereld',
        description: 'Organiseer hulp dicht in de leefwereld.',
        group: 'Werkprincipes',
      },
      {
        id: 'dichterbij.verbindingen-maken',
        name: 'Empoweren door verbindingen',
        description: 'Empower alle betrokkenen door het maken van verbindingen.',
        group: 'Werkprincipes',
      },
      {
        id: 'dichterbij.lichtvoetig-beginnen',
        name: 'Lichtvoetig beginnen',
        description: 'Begin met lichtvoetige eenvoudige acties.',
        group: 'Werkprincipes',
      },
      {
        id: 'dichterbij.creatieve-professionaliteit',
        name: 'Creatieve professionaliteit',
        description: 'Gebruik professionaliteit op een creatieve manier.',
        group: 'Werkprincipes',
      },
      {
        id: 'dichterbij.cyclisch-werkproces',
        name: 'Cyclisch werkproces',
        description:
          'Werk aan de hand van een cyclisch werkproces, waarbij je steeds opnieuw contact legt, verkent, afweegt, wensen en oplossingen verzamelt, uitvoert en bijstelt, evalueert.',
        group: 'Werkprincipes',
      },
    ],
  },
  {
    // Text 004 names the three building blocks without defining them; each description is
    // quoted (lightly shortened) from the passage of the letter that fits it.
    id: 'bouwstenen',
    name: 'Bouwstenen van sociaal werk',
    description:
      'Het vak Sociaal Werk kent een aantal bouwstenen: empowerment, wederkerigheid en moreel handelen. Vanuit deze bouwstenen zet een sociale professional zich in om de risico’s te beperken en de mogelijkheden uit te breiden.',
    source: brief,
    color: '#b85a3a',
    themes: [
      {
        id: 'bouwstenen.empowerment',
        name: 'Empowerment',
        description:
          'Sociaal werk richt zich van oudsher op de empowerment van mensen. Je gebruikt wetenschappelijke inzichten met het doel emancipatie van mensen te bevorderen.',
      },
      {
        id: 'bouwstenen.wederkerigheid',
        name: 'Wederkerigheid',
        description:
          'Wederkerigheid is voor een goede samenwerking een sleutelwoord: je werkt dichtbij elkaar en bent betrokken op elkaar. Je werkt niet „voor” maar „met” elkaar.',
      },
      {
        // Not defined in the text: described with its sentences on the normative basis.
        id: 'bouwstenen.moreel-handelen',
        name: 'Moreel handelen',
        description:
          'Als sociale professional heb je een stevige normatieve basis van waaruit je handelt. Je bent gericht op actie, normatief en toekomstgericht.',
      },
    ],
  },
  {
    // Text 004, citing Spierts, Van Regenmortel and Van Ewijk; descriptions closely paraphrased.
    id: 'interventierichtingen',
    name: 'Interventierichtingen',
    description:
      'Interventierichtingen van Spierts, Van Regenmortel en Van Ewijk die passen bij aspiratiegericht werken: werken aan het best haalbare resultaat onder de omstandigheden.',
    source: `Marcel Spierts, Tine van Regenmortel en Hans van Ewijk, aangehaald in: ${brief}`,
    color: '#7a5aa6',
    themes: [
      {
        id: 'interventierichtingen.activeren',
        name: 'Activeren',
        description:
          'Je helpt mensen en organisaties richting te vinden: je brengt mensen bij elkaar, beschermt en corrigeert, stemt af, arrangeert ontmoetingen en versterkt de verbinding tussen mensen (Marcel Spierts).',
      },
      {
        id: 'interventierichtingen.gepast-reageren-en-mobiliseren',
        name: 'Gepast reageren en mobiliseren',
        description:
          'Wie is waarom op dit moment het meest aan zet om iets te doen? En hoe kan ik als professional anderen in beweging krijgen om mensen te activeren en in te bedden? (Tine van Regenmortel)',
      },
      {
        id: 'interventierichtingen.inbedden',
        name: 'Inbedden',
        description:
          'Je probeert de omgeving van de mens in kwestie zo aan te passen of te beïnvloeden dat deze mens makkelijker kan functioneren, makkelijker kan schakelen met anderen (Hans van Ewijk).',
      },
    ],
  },
  {
    // Text 002. Hulp, zorg en welzijn are "drie verschillende ambachten"; the other four are
    // what the transformation asks of the team ("Zet bewust in op innovatie, preventie en
    // normaliseren", presentie from the passage on prevention). Descriptions closely paraphrased.
    id: 'hulp-zorg-welzijn',
    name: 'Hulp, zorg en welzijn',
    description:
      'Hulp, zorg en welzijn zijn drie verschillende ambachten in het sociale wijkteam. De transformatieopgave vraagt daarnaast om preventie, presentie, normaliseren en innovatie, samen met bewoners.',
    source: 'Ben Koenen, column ‘Als de plaat blijft hangen’ (Ben benieuwd), geschreven voor de KIONN-conferentie',
    color: '#4f8a3a',
    themes: [
      {
        id: 'hulp-zorg-welzijn.hulp',
        name: 'Hulp',
        description:
          'Hulpverleners zijn intrinsiek gemotiveerd om mensen te helpen bij het oplossen van hun individuele problemen.',
        group: 'Ambachten',
      },
      {
        id: 'hulp-zorg-welzijn.zorg',
        name: 'Zorg',
        description: 'Zorgverleners zijn intrinsiek gemotiveerd om mensen te verzorgen om hen gezonder te maken.',
        group: 'Ambachten',
      },
      {
        id: 'hulp-zorg-welzijn.welzijn',
        name: 'Welzijn',
        description:
          'Welzijnswerkers werken samen met bewoners aan een sterke community: collectieve ambities van bewoners coachen en nieuwe activiteiten, diensten en voorzieningen ontwikkelen.',
        group: 'Ambachten',
      },
      {
        id: 'hulp-zorg-welzijn.preventie',
        name: 'Preventie',
        description:
          'Samen met bewoners collectieve activiteiten, diensten en voorzieningen opzetten in de wijk, waar bewoners met elkaar op terug kunnen vallen. Preventie gaat ook over het benutten van kansen, gericht op groei en ontwikkeling van mensen.',
        group: 'Transformatieopgave',
      },
      {
        id: 'hulp-zorg-welzijn.presentie',
        name: 'Presentie',
        description:
          'Aanwezig zijn in de wijk, contact maken, een relatie opbouwen met de bewoners en vroegtijdig inzien wat er nodig is.',
        group: 'Transformatieopgave',
      },
      {
        id: 'hulp-zorg-welzijn.normaliseren',
        name: 'Normaliseren',
        description: 'Hulp en zorg normaliseren, zodat bewoners elkaar meer gaan helpen.',
        group: 'Transformatieopgave',
      },
      {
        id: 'hulp-zorg-welzijn.innovatie',
        name: 'Innovatie',
        description:
          'Hulp, zorg en welzijn veranderen en vernieuwen, omdat de huidige systemen en structuren onvoldoende werken.',
        group: 'Transformatieopgave',
      },
    ],
  },
];

export function findPresetFramework(id: string): PresetFramework | undefined {
  return presetFrameworks.find((framework) => framework.id === id);
}

export function findPresetTheme(id: string): { framework: PresetFramework; theme: PresetTheme } | undefined {
  const dot = id.indexOf('.');
  if (dot < 1) return undefined;
  const framework = findPresetFramework(id.slice(0, dot));
  const theme = framework?.themes.find((t) => t.id === id);
  return framework && theme ? { framework, theme } : undefined;
}
