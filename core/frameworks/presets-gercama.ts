// The four preset frameworks from Wietske Gercama's letter to social professionals (text 004
// in tests/fixtures/domain-texts/): the 10 gouden regels, DichtErBij, the building blocks of
// social work and the directions of intervention. Numbered lists are quoted item by item;
// presets.test.ts lists every mended typo.
import type { PresetFramework } from './preset-types.js';

const brief = 'Wietske Gercama (programma-secretaris Wmo-werkplaats Noord-Holland), brief aan sociale professionals ‘Op reis… op naar een gouden eeuw voor sociale professionals!’';

export const goudenRegels: PresetFramework = {
  id: 'gouden-regels',
  name: '10 gouden regels',
  description:
    'De tien gouden regels voor het werken aan sociale vraagstukken in de buurt, landelijk verzameld binnen de Wmo-werkplaatsen: een richtsnoer waarmee je snel grip krijgt op de wijk.',
  source: `${brief}; de regels zijn landelijk verzameld binnen de Wmo-werkplaatsen`,
  color: '#b07d1a',
  itemLabel: { nl: 'regel', en: 'rule' },
  themes: [
    { id: 'gouden-regels.actief-in-de-wijk', number: 1, name: '85% actief in de wijk', description: 'Je bent 85% van je werktijd actief met bewoners in de wijk.' },
    { id: 'gouden-regels.ambulant-werken', number: 2, name: 'Ambulant werken', description: 'Je werkt ambulant en hebt geen vaste werkplek.' },
    {
      id: 'gouden-regels.agenda-voor-de-buurt',
      number: 3,
      name: 'Bewoners maken de buurtagenda',
      description: 'Je laat bewoners een agenda voor de buurt opstellen op basis van hun wijkanalyse.',
    },
    { id: 'gouden-regels.alle-levensdomeinen', number: 4, name: 'Alle levensdomeinen', description: 'Je besteedt aandacht aan alle levensdomeinen van bewoners in de buurt.' },
    {
      id: 'gouden-regels.buurtplan',
      number: 5,
      name: 'Samen een buurtplan',
      description: 'Met je collega’s en bewoners maak je op basis van analyse, agenda en domeinen een buurtplan.',
    },
    { id: 'gouden-regels.startmotor', number: 6, name: 'Startmotor voor ontwikkeling', description: 'Je bent de startmotor voor de ontwikkeling van bewoners en van de buurt.' },
    { id: 'gouden-regels.honderd-bewoners', number: 7, name: '100 actieve bewoners kennen', description: 'Je kent minimaal 100 bewoners die actief bijdragen aan de buurt.' },
    { id: 'gouden-regels.proactief-vragen-zoeken', number: 8, name: 'Proactief op zoek naar vragen', description: 'Je gaat overal in de wijk proactief op zoek naar vragen.' },
    { id: 'gouden-regels.passend-antwoord', number: 9, name: 'Passend antwoord in de buurt', description: 'Je zoekt voor elke vraag een passend antwoord in de buurt.' },
    {
      id: 'gouden-regels.wat-iemand-te-bieden-heeft',
      number: 10,
      name: 'Wat iemand te bieden heeft',
      description: 'Je kijkt bij vragen om ondersteuning altijd ook naar wat diegene aan anderen te bieden heeft.',
    },
  ],
};

export const dichterbij: PresetFramework = {
  // One framework in the text's own two groups: ten houdingsprincipes (the letter also calls
  // them "Houdingsaspecten") and five werkprincipes "afgeleid van de houdingsprincipes".
  id: 'dichterbij',
  name: 'DichtErBij',
  description:
    'De methodiek voor wijkteams DichtErBij©: tien houdingsprincipes die richting geven aan je handelen samen met de bewoners, en vijf werkprincipes die daarvan zijn afgeleid, voor het werk met je team en de bewoners.',
  source: `Methodiek voor wijkteams DichtErBij©, beschreven in: ${brief}`,
  color: '#3f6fb5',
  groups: [
    {
      id: 'houding',
      name: 'Houdingsprincipes',
      aliases: ['Houdingsaspecten'],
      description: 'De houdingsprincipes van DichtErBij© geven richting aan je handelen samen met de bewoners.',
      itemLabel: { nl: 'houdingsprincipe', en: 'attitude principle' },
    },
    {
      id: 'werk',
      name: 'Werkprincipes',
      description:
        'De werkprincipes zijn afgeleid van de houdingsprincipes. Je toetst de werkprincipes tijdens je evaluatie met degene die je ondersteunt. Centraal staat: Wat in de ondersteuning heeft gewerkt, wat heeft jou geholpen?',
      itemLabel: { nl: 'werkprincipe', en: 'working principle' },
    },
  ],
  themes: [
    {
      id: 'dichterbij.niet-weten',
      group: 'houding',
      number: 1,
      name: 'In gesprek vanuit niet-weten',
      description: 'Je gaat in gesprek vanuit het „niet weten”, je stelt vragen, ook vragen die moeilijk zijn.',
    },
    {
      id: 'dichterbij.van-probleem-naar-toekomst',
      group: 'houding',
      number: 2,
      name: 'Van probleem naar toekomst',
      description: 'Je begint bij het probleem en richt je van daaruit op de toekomst (erkenning voor het probleem eerst in voldoende mate, dan pas richting de toekomst).',
    },
    {
      id: 'dichterbij.nadruk-op-kracht',
      group: 'houding',
      number: 3,
      name: 'Nadruk op kracht',
      description: 'Je legt de nadruk op de kracht die aanwezig is bij degene die je ondersteunt.',
    },
    {
      id: 'dichterbij.ruimte-voor-ambivalentie',
      group: 'houding',
      number: 4,
      name: 'Motiveren met ruimte voor ambivalentie',
      description: 'Je motiveert in de richting die gewenst is, maar je biedt ruimte voor ambivalentie, en je bevordert het spreken over de veranderingen die bereikt zijn.',
    },
    {
      id: 'dichterbij.eigen-referentiekader',
      group: 'houding',
      number: 5,
      name: 'Eigen referentiekader',
      description: 'Je bent je bewust van je eigen referentiekader. Je reflecteert op je eigen houding ten aanzien van de situatie.',
    },
    {
      id: 'dichterbij.betekenis-als-leidraad',
      group: 'houding',
      number: 6,
      name: 'Betekenis van de ander als leidraad',
      description: 'Je realiseert je dat de ervaring van en de betekenis die degene die je ondersteunt aan zijn situatie verleent je leidraad is, en brengt dat in de praktijk.',
    },
    { id: 'dichterbij.partners-in-een-zoektocht', group: 'houding', number: 7, name: 'Partners in een zoektocht', description: 'Je werkt samen als partners in een zoektocht.' },
    {
      id: 'dichterbij.leer-en-ontwikkelproces',
      group: 'houding',
      number: 8,
      name: 'Oog voor het leer- en ontwikkelproces',
      description: 'Je hebt oog voor het leer- en ontwikkelproces en kijkt goed wanneer vaart teruggenomen moet worden.',
    },
    {
      id: 'dichterbij.maatschappelijke-krachten',
      group: 'houding',
      number: 9,
      name: 'Bewust van maatschappelijke krachten',
      description: 'Je bent je bewust van de krachten: kansen/stimulerende factoren, belemmeringen en beperkingen van maatschappelijke factoren.',
    },
    {
      id: 'dichterbij.grenzen-van-invloed',
      group: 'houding',
      number: 10,
      name: 'Hoe en hoever je invloed reikt',
      description: 'Je bent je bewust hoe en tot op welke hoogte je maatschappelijke factoren kunt beïnvloeden.',
    },
    { id: 'dichterbij.dicht-in-de-leefwereld', group: 'werk', number: 1, name: 'Hulp dicht in de leefwereld', description: 'Organiseer hulp dicht in de leefwereld.' },
    {
      id: 'dichterbij.verbindingen-maken',
      group: 'werk',
      number: 2,
      name: 'Empoweren door verbindingen',
      description: 'Empower alle betrokkenen door het maken van verbindingen.',
    },
    { id: 'dichterbij.lichtvoetig-beginnen', group: 'werk', number: 3, name: 'Lichtvoetig beginnen', description: 'Begin met lichtvoetige eenvoudige acties.' },
    {
      id: 'dichterbij.creatieve-professionaliteit',
      group: 'werk',
      number: 4,
      name: 'Creatieve professionaliteit',
      description: 'Gebruik professionaliteit op een creatieve manier.',
    },
    {
      id: 'dichterbij.cyclisch-werkproces',
      group: 'werk',
      number: 5,
      name: 'Cyclisch werkproces',
      description:
        'Werk aan de hand van een cyclisch werkproces, waarbij je steeds opnieuw contact legt, verkent, afweegt, wensen en oplossingen verzamelt, uitvoert en bijstelt, evalueert.',
    },
  ],
};

export const bouwstenen: PresetFramework = {
  // The letter names the three building blocks; empowerment and wederkerigheid are described
  // in its own words elsewhere in the letter, moreel handelen only mentioned.
  id: 'bouwstenen',
  name: 'Bouwstenen van sociaal werk',
  description:
    'Het vak Sociaal Werk kent een aantal bouwstenen: empowerment, wederkerigheid en moreel handelen. Een sociale professional zet zich vanuit deze bouwstenen in om de risico’s te beperken en de mogelijkheden uit te breiden.',
  source: brief,
  color: '#b85a3a',
  themes: [
    {
      id: 'bouwstenen.empowerment',
      name: 'Empowerment',
      description: [
        'Sociaal werk richt zich van oudsher op de empowerment van mensen. Vanuit een maatschappijkritische houding vertrekken, betekent in de praktijk: kaders stellen en opvoeden.',
        'We moeten onder meer sturing geven door middel van: het (wetenschappelijk) onderbouwen van (ongewenste) effecten van beleid, het bevorderen van emancipatie van groepen in de marge en het versterken van burgerschap.',
      ].join('\n'),
    },
    {
      id: 'bouwstenen.wederkerigheid',
      name: 'Wederkerigheid',
      description:
        'Wederkerigheid is voor een goede samenwerking een sleutelwoord: je werkt dichtbij elkaar en bent betrokken op elkaar. Integraal samenwerken betekent dat je niet „voor” maar „met” elkaar werkt.',
    },
    {
      id: 'bouwstenen.moreel-handelen',
      name: 'Moreel handelen',
      description: [
        'De brief noemt moreel handelen als bouwsteen zonder het uit te werken; Knipsel leest het met de zinnen over de normatieve basis:',
        'Als sociale professional heb je een stevige normatieve basis van waaruit je handelt in co-creatie. Je bent gericht op actie, normatief en toekomstgericht.',
      ].join('\n'),
    },
  ],
};

export const interventierichtingen: PresetFramework = {
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
        'Marcel Spierts: als sociale professional help je mensen en organisaties richting te vinden. Daartoe breng je mensen bij elkaar, bescherm je mensen, corrigeer je mensen, je stemt af tussen mensen, arrangeer je ontmoetingen tussen mensen en versterk je de verbinding tussen mensen.',
    },
    {
      // Two questions of Tine van Regenmortel under one theme (its id predates the split wording).
      id: 'interventierichtingen.gepast-reageren-en-mobiliseren',
      name: 'Gepast reageren en gepast mobiliseren',
      description: [
        'Tine van Regenmortel stelt twee vragen.',
        'Gepast reageren: Wie is waarom op dit moment het meest aan zet om iets te doen? Het onderliggende idee is dat je met zo min mogelijk professionele tijd de zaak zo goed mogelijk laat lopen.',
        'Gepast mobiliseren: hoe kan ik als professional anderen in beweging krijgen om mensen te activeren en in te bedden?',
      ].join('\n'),
    },
    {
      id: 'interventierichtingen.inbedden',
      name: 'Inbedden',
      description:
        'Hans van Ewijk benadrukt de noodzaak mensen in te bedden. Hij stelt dat de sociale professional de omgeving van de mens in kwestie dusdanig probeert aan te passen of te beïnvloeden dat deze mens makkelijker kan functioneren (makkelijker kan schakelen met anderen).',
    },
  ],
};
