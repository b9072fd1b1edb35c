// The reflection guides Knipsel ships: questions that fit a kind of evidence, in Dutch and
// English. Wording that comes from the domain texts (tests/fixtures/domain-texts) is quoted
// there word for word (guides.test.ts checks it); STARR and Korthagen are the field's own.
// Data, with the prompts older notes held (`legacyNotePrompts`); guides.ts works with them.
import type { EvidenceKind } from '../dossier/types.js';

export interface PresetPrompt {
  id: string;
  nl: { heading: string; question: string };
  en: { heading: string; question: string };
  change?: boolean;
}

export interface PresetGuide {
  id: string;
  name: { nl: string; en: string };
  /** One line on when to use it. */
  about: { nl: string; en: string };
  /** The kinds of evidence it fits (offered first for those). */
  kinds: EvidenceKind[];
  /** Where the wording comes from, when it is from the texts. */
  source: string | null;
  /** Exact sentences of the source the questions quote (checked against the texts). */
  quotes: string[];
  prompts: PresetPrompt[];
}

const letter = 'Wmo-werkplaats Noord-Holland, brief aan sociale professionals';

export const presetGuides: readonly PresetGuide[] = [
  {
    id: 'transfer',
    name: { nl: 'Van voorbeeld naar eigen praktijk', en: 'From example to my own practice' },
    about: {
      nl: 'Voor een praktijkvoorbeeld van een ander: wat neem je mee naar je eigen wijk?',
      en: 'For someone else’s practice example: what do you take to your own neighbourhood?',
    },
    kinds: ['praktijkvoorbeeld'],
    source: letter,
    quotes: ['van wat werkt in de praktijk maar ook van wat niet werkt!'],
    prompts: [
      {
        id: 'spreekt-aan',
        nl: { heading: 'Wat me aanspreekt', question: 'Wat spreekt je aan in dit voorbeeld, en waarom?' },
        en: { heading: 'What appeals to me', question: 'What appeals to you in this example, and why?' },
      },
      {
        id: 'werkt',
        nl: { heading: 'Wat werkt en wat niet', question: 'Wat werkt hier in de praktijk, en wat niet? Waar zie je dat aan?' },
        en: { heading: 'What works and what does not', question: 'What works here in practice, and what does not? How can you tell?' },
      },
      {
        id: 'mijn-wijk',
        nl: { heading: 'In mijn wijk', question: 'Wat zou dit in mijn wijk vragen: van bewoners, van partners en van mij?' },
        en: { heading: 'In my neighbourhood', question: 'What would this ask in my neighbourhood: of residents, of partners and of me?' },
      },
      {
        id: 'meenemen',
        nl: { heading: 'Wat ik meeneem', question: 'Wat neem je mee, en wat ga je anders doen?' },
        en: { heading: 'What I take with me', question: 'What do you take with you, and what will you do differently?' },
        change: true,
      },
    ],
  },
  {
    id: 'starr',
    name: { nl: 'STARR', en: 'STARR' },
    about: {
      nl: 'Situatie, Taak, Actie, Resultaat en Reflectie: voor een situatie uit je eigen werk.',
      en: 'Situation, Task, Action, Result and Reflection: for a situation from your own work.',
    },
    kinds: ['eigen-praktijk'],
    source: null,
    quotes: [],
    prompts: [
      {
        id: 'situatie',
        nl: { heading: 'Situatie', question: 'Wat gebeurde er, waar en wanneer? Wie waren erbij (zonder namen van cliënten)?' },
        en: { heading: 'Situation', question: 'What happened, where and when? Who was involved (without clients’ names)?' },
      },
      { id: 'taak', nl: { heading: 'Taak', question: 'Wat was jouw rol of opdracht?' }, en: { heading: 'Task', question: 'What was your role or assignment?' } },
      { id: 'actie', nl: { heading: 'Actie', question: 'Wat deed je precies?' }, en: { heading: 'Action', question: 'What exactly did you do?' } },
      {
        id: 'resultaat',
        nl: { heading: 'Resultaat', question: 'Wat leverde het op, voor bewoners en voor jou?' },
        en: { heading: 'Result', question: 'What came of it, for residents and for you?' },
      },
      {
        id: 'reflectie',
        nl: { heading: 'Reflectie', question: 'Wat leer je ervan, en wat doe je een volgende keer anders?' },
        en: { heading: 'Reflection', question: 'What do you learn from it, and what will you do differently next time?' },
        change: true,
      },
    ],
  },
  {
    id: 'korthagen',
    name: { nl: 'Korthagen: reflectiecyclus en ui-model', en: 'Korthagen: reflection cycle and onion model' },
    about: {
      nl: 'De vijf fasen van de reflectiecyclus, met het ui-model voor wat jou drijft.',
      en: 'The five phases of the reflection cycle, with the onion model for what drives you.',
    },
    kinds: ['eigen-praktijk'],
    source: null,
    quotes: [],
    prompts: [
      {
        id: 'handelen',
        nl: { heading: '1 Handelen', question: 'Wat wilde je bereiken, en waar lette je op?' },
        en: { heading: '1 Action', question: 'What did you want to achieve, and what did you pay attention to?' },
      },
      {
        id: 'terugblikken',
        nl: { heading: '2 Terugblikken', question: 'Wat deed, dacht, voelde en wilde jij? En de ander?' },
        en: { heading: '2 Looking back', question: 'What did you do, think, feel and want? And the other person?' },
      },
      {
        id: 'bewustwording',
        nl: { heading: '3 Bewustwording', question: 'Wat is de kern? Wat maakt dit belangrijk voor je?' },
        en: { heading: '3 Awareness', question: 'What is the core? Why does it matter to you?' },
      },
      {
        id: 'ui-model',
        nl: {
          heading: 'Ui-model: wat drijft je',
          question: 'Welke laag speelde mee: omgeving, gedrag, bekwaamheden, overtuigingen, identiteit of missie? Wat zegt dat over jouw drijfveren?',
        },
        en: {
          heading: 'Onion model: what drives you',
          question: 'Which layer played a part: environment, behaviour, competencies, beliefs, identity or mission? What does that say about your drives?',
        },
      },
      {
        id: 'alternatieven',
        nl: { heading: '4 Alternatieven', question: 'Welke andere aanpak zie je, en welke kies je?' },
        en: { heading: '4 Alternatives', question: 'What other approach do you see, and which do you choose?' },
        change: true,
      },
      {
        id: 'uitproberen',
        nl: { heading: '5 Uitproberen', question: 'Wanneer en hoe probeer je het uit?' },
        en: { heading: '5 Trying out', question: 'When and how will you try it out?' },
      },
    ],
  },
  {
    id: 'dichterbij-evaluatie',
    name: { nl: 'DichtErBij-evaluatie', en: 'DichtErBij evaluation' },
    about: {
      nl: 'De evaluatie met degene die je ondersteunt, zoals DichtErBij die voorschrijft.',
      en: 'The evaluation with the person you support, as DichtErBij describes it.',
    },
    kinds: ['eigen-praktijk', 'feedback'],
    source: letter,
    quotes: ['Wat in de ondersteuning heeft gewerkt, wat heeft jou geholpen?', 'Het gaat om wat werkte in de co-creatie.'],
    prompts: [
      {
        id: 'gewerkt',
        nl: { heading: 'Wat heeft gewerkt', question: 'Wat antwoordde degene die je ondersteunt op: ‘Wat in de ondersteuning heeft gewerkt, wat heeft jou geholpen?’' },
        en: { heading: 'What worked', question: 'What did the person you support answer to: ‘What in the support worked, what helped you?’' },
      },
      {
        id: 'co-creatie',
        nl: { heading: 'De co-creatie', question: 'Wat werkte in de co-creatie, en wat niet?' },
        en: { heading: 'The co-creation', question: 'What worked in the co-creation, and what did not?' },
      },
      {
        id: 'werkprincipes',
        nl: { heading: 'Werkprincipes', question: 'Welke werkprincipes pas je toe, en welke liet je liggen?' },
        en: { heading: 'Working principles', question: 'Which working principles did you apply, and which did you leave aside?' },
      },
      {
        id: 'bijstellen',
        nl: { heading: 'Bijstellen', question: 'Wat stel je bij in je aanpak?' },
        en: { heading: 'Adjusting', question: 'What do you adjust in your approach?' },
        change: true,
      },
    ],
  },
  {
    id: 'tussen-uitersten',
    name: { nl: 'Werken tussen uitersten', en: 'Working between extremes' },
    about: {
      nl: 'De spanningen van het werk en de vraag welke rol je neemt.',
      en: 'The tensions of the work and the question which role you take.',
    },
    kinds: ['eigen-praktijk'],
    source: letter,
    quotes: [
      'Je werkt tussen uitersten, zoals: Weer zelf controle helpen krijgen vs Ondersteuning bieden; Werken aan autonomie vs Werken aan onderlinge verbondenheid; Streven naar gelijke kansen vs Aandacht voor en acceptatie van verschillen; Krachtgericht werken vs Gericht zijn op kwetsbaarheid van mensen.',
      "wanneer ben ik hulpverlener, wanneer consultant, coach of regiehouder die de cliënt tot daden aanzet, of wanneer kan ik het beste 'op mijn handen gaan zitten'?",
    ],
    prompts: [
      {
        id: 'uitersten',
        nl: {
          heading: 'Tussen welke uitersten',
          question:
            'Tussen welke uitersten werkte je: weer zelf controle helpen krijgen of ondersteuning bieden; werken aan autonomie of aan onderlinge verbondenheid; streven naar gelijke kansen of aandacht voor en acceptatie van verschillen; krachtgericht werken of gericht zijn op kwetsbaarheid van mensen?',
        },
        en: {
          heading: 'Between which extremes',
          question:
            'Between which extremes did you work: helping people regain control or offering support; working on autonomy or on connection with each other; striving for equal chances or attention to and acceptance of differences; working from strengths or attending to people’s vulnerability?',
        },
      },
      { id: 'keuze', nl: { heading: 'Mijn keuze', question: 'Naar welke kant bewoog je, en waarom?' }, en: { heading: 'My choice', question: 'Which way did you move, and why?' } },
      {
        id: 'rol',
        nl: { heading: 'Mijn rol', question: 'Was je hier hulpverlener, consultant, coach of regiehouder, of kon je beter ‘op je handen gaan zitten’?' },
        en: { heading: 'My role', question: 'Were you a helper, consultant, coach or case director here, or would it have been better to ‘sit on your hands’?' },
      },
      {
        id: 'volgende-keer',
        nl: { heading: 'Volgende keer', question: 'Wat doe je een volgende keer anders?' },
        en: { heading: 'Next time', question: 'What will you do differently next time?' },
        change: true,
      },
    ],
  },
  {
    id: 'gepast-reageren',
    name: { nl: 'Gepast reageren en gepast mobiliseren', en: 'Responding and mobilising appropriately' },
    about: {
      nl: 'De twee vragen van Tine van Regenmortel: wie is aan zet, en wie krijg jij in beweging?',
      en: 'Tine van Regenmortel’s two questions: whose move is it, and whom do you get moving?',
    },
    kinds: ['eigen-praktijk', 'praktijkvoorbeeld'],
    source: letter,
    quotes: [
      'Wie is waarom op dit moment het meest aan zet om iets te doen?',
      'met zo min mogelijk professionele tijd de zaak zo goed mogelijk laat lopen',
      'hoe kan ik als professional anderen in beweging krijgen om mensen te activeren en in te bedden',
    ],
    prompts: [
      {
        id: 'aan-zet',
        nl: { heading: 'Gepast reageren', question: 'Wie is waarom op dit moment het meest aan zet om iets te doen?' },
        en: { heading: 'Responding appropriately', question: 'Who, and why, is most called upon to act at this moment?' },
      },
      {
        id: 'professionele-tijd',
        nl: { heading: 'Zo min mogelijk professionele tijd', question: 'Liep de zaak zo goed mogelijk met zo min mogelijk professionele tijd? Wat kon je laten?' },
        en: {
          heading: 'As little professional time as possible',
          question: 'Did things run as well as possible with as little professional time as possible? What could you leave?',
        },
      },
      {
        id: 'mobiliseren',
        nl: { heading: 'Gepast mobiliseren', question: 'Hoe kun je als professional anderen in beweging krijgen om mensen te activeren en in te bedden?' },
        en: { heading: 'Mobilising appropriately', question: 'How can you as a professional get others moving to activate people and embed them?' },
      },
      {
        id: 'nu-anders',
        nl: { heading: 'Wat ik nu anders doe', question: 'Wat doe je nu anders?' },
        en: { heading: 'What I now do differently', question: 'What do you do differently now?' },
        change: true,
      },
    ],
  },
  {
    id: 'feedback',
    name: { nl: 'Feedback verwerken', en: 'Working with feedback' },
    about: {
      nl: 'Voor wat een collega, een bewonersgroep of een assessor zei.',
      en: 'For what a colleague, a group of residents or an assessor said.',
    },
    kinds: ['feedback'],
    source: null,
    quotes: [],
    prompts: [
      {
        id: 'gehoord',
        nl: { heading: 'Wat ik hoorde', question: 'Wat bedoelde de ander volgens jou?' },
        en: { heading: 'What I heard', question: 'What do you think the other person meant?' },
      },
      {
        id: 'herken',
        nl: { heading: 'Wat ik herken', question: 'Wat herken je erin, en wat niet?' },
        en: { heading: 'What I recognise', question: 'What do you recognise in it, and what not?' },
      },
      {
        id: 'doen',
        nl: { heading: 'Wat ik ermee doe', question: 'Wat ga je anders doen, en hoe vraag je later of het werkt?' },
        en: { heading: 'What I do with it', question: 'What will you do differently, and how will you ask later whether it works?' },
        change: true,
      },
    ],
  },
];

/**
 * Headings and questions the web app used to insert into a free note (before guides had
 * their own answers). A note that holds only these is not a reflection; exports leave them out.
 */
export const legacyNotePrompts: readonly { heading: string; question: string }[] = [
  { heading: 'Situatie', question: 'Wat gebeurde er, waar en met wie?' },
  { heading: 'Taak', question: 'Wat was jouw rol of opdracht?' },
  { heading: 'Actie', question: 'Wat deed je (of wat deden de professionals in dit voorbeeld)?' },
  { heading: 'Resultaat', question: 'Wat leverde het op, voor bewoners en voor jou?' },
  { heading: 'Reflectie', question: 'Wat leer je ervan en wat doe je een volgende keer anders?' },
  { heading: '1 Handelen', question: 'Wat gebeurde er? Wat wilde je bereiken?' },
  { heading: '2 Terugblikken', question: 'Wat deed, dacht, voelde en wilde jij? En de ander?' },
  { heading: '3 Bewustwording van essentiële aspecten', question: 'Wat is de kern? Wat maakt dit belangrijk voor je?' },
  { heading: '4 Alternatieven ontwikkelen', question: 'Welke andere aanpak zie je? Wat kies je?' },
  { heading: '5 Uitproberen', question: 'Wanneer en hoe probeer je het uit?' },
  { heading: 'Situation', question: 'What happened, where and with whom?' },
  { heading: 'Task', question: 'What was your role or assignment?' },
  { heading: 'Action', question: 'What did you do (or the professionals in this example)?' },
  { heading: 'Result', question: 'What came of it, for residents and for you?' },
  { heading: 'Reflection', question: 'What do you learn from it and what will you do differently next time?' },
  { heading: '1 Action', question: 'What happened? What did you want to achieve?' },
  { heading: '2 Looking back', question: 'What did you do, think, feel and want? And the other person?' },
  { heading: '3 Awareness of essential aspects', question: 'What is the core? Why does it matter to you?' },
  { heading: '4 Creating alternatives', question: 'What other approach do you see? Which do you choose?' },
  { heading: '5 Trial', question: 'When and how will you try it out?' },
];
