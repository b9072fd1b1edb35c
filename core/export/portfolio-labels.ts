// The words of an exported portfolio, in Dutch and English (an assessor may read either).
import type { CardField, EvidenceKind, FeedbackSource } from '../dossier/types.js';
import type { LeervraagStatus } from '../learning/types.js';

export type PortfolioLocale = 'nl' | 'en';

/** The card fields an export shows for each kind, in order. */
export const cardFieldsOf: Record<EvidenceKind, CardField[]> = {
  praktijkvoorbeeld: ['context', 'initiative', 'worked', 'notWorked', 'myWijk'],
  'eigen-praktijk': ['date', 'place', 'involved', 'happened'],
  feedback: ['from', 'fromRole', 'date', 'said'],
};

export interface PortfolioLabels {
  portfolio: string;
  course: string;
  period: string;
  author: string;
  framework: string;
  date: string;
  contents: string;
  source: string;
  published: string;
  captured: string;
  /** When evidence without a source page was added. */
  added: string;
  reflection: string;
  highlights: string;
  references: string;
  noReflection: string;
  clips: (n: number) => string;
  /** Answered reflections of a theme ("3 beantwoorde reflecties"). */
  answered: (n: number) => string;
  leervragen: string;
  dossierLeervragen: string;
  status: Record<LeervraagStatus, string>;
  actions: string;
  done: string;
  linkedEvidence: string;
  evidence: string;
  evidenceNumber: (n: number) => string;
  kinds: Record<EvidenceKind, string>;
  card: Record<CardField, string>;
  feedbackSources: Record<FeedbackSource, string>;
  attachments: string;
  note: string;
  guide: string;
  /** A piece of evidence described under another theme. */
  describedAt: (n: number, title: string, theme: string) => string;
  changed: string;
  changedQuestion: string;
  ratings: string;
  scale: readonly string[];
}

export const portfolioLabels: Record<PortfolioLocale, PortfolioLabels> = {
  nl: {
    portfolio: 'Portfolio',
    course: 'Opleiding',
    period: 'Periode',
    author: 'Auteur',
    framework: 'Kader',
    date: 'Datum',
    contents: 'Inhoud',
    source: 'Bron',
    published: 'Gepubliceerd',
    captured: 'Geraadpleegd op',
    added: 'Toegevoegd op',
    reflection: 'Reflectie',
    highlights: 'Markeringen',
    references: 'Literatuurlijst',
    noReflection: 'Nog geen reflectie.',
    clips: (n) => (n === 1 ? '1 bron' : `${n} bronnen`),
    answered: (n) => (n === 1 ? '1 beantwoorde reflectie' : `${n} beantwoorde reflecties`),
    leervragen: 'Leervragen',
    dossierLeervragen: 'Leervragen voor het hele dossier',
    status: { open: 'open', bezig: 'mee bezig', beantwoord: 'beantwoord' },
    actions: 'Wat ik ga doen',
    done: 'gedaan',
    linkedEvidence: 'Gekoppeld bewijs',
    evidence: 'Bewijs',
    evidenceNumber: (n) => `Bewijs ${n}`,
    kinds: { praktijkvoorbeeld: 'Praktijkvoorbeeld', 'eigen-praktijk': 'Eigen praktijk', feedback: 'Feedback' },
    card: {
      context: 'Context',
      initiative: 'Initiatief van',
      worked: 'Wat werkte',
      notWorked: 'Wat werkte niet',
      myWijk: 'Wat dit in mijn wijk zou vragen',
      date: 'Datum',
      place: 'Plaats',
      involved: 'Betrokken',
      happened: 'Wat er gebeurde',
      from: 'Van',
      fromRole: 'Wie',
      said: 'Wat er gezegd werd',
    },
    feedbackSources: { collega: 'collega', bewoners: 'bewoners of cliëntgroep', assessor: 'assessor of docent', anders: 'anders' },
    attachments: 'Bijlagen',
    note: 'Notitie',
    guide: 'Leidraad',
    describedAt: (n, title, theme) => `Bewijs ${n}, ‘${title}’: beschreven bij ${theme}.`,
    changed: 'Wat ik nu anders doe',
    changedQuestion: 'Wat heb ik gaandeweg (en ongemerkt) al veranderd in mijn werkwijze?',
    ratings: 'Zelfbeoordeling',
    scale: ['beginnend', 'op weg', 'voldoende', 'goed', 'vanzelfsprekend'],
  },
  en: {
    portfolio: 'Portfolio',
    course: 'Course',
    period: 'Period',
    author: 'Author',
    framework: 'Framework',
    date: 'Date',
    contents: 'Contents',
    source: 'Source',
    published: 'Published',
    captured: 'Retrieved on',
    added: 'Added on',
    reflection: 'Reflection',
    highlights: 'Highlights',
    references: 'References',
    noReflection: 'No reflection yet.',
    clips: (n) => (n === 1 ? '1 source' : `${n} sources`),
    answered: (n) => (n === 1 ? '1 answered reflection' : `${n} answered reflections`),
    leervragen: 'Learning questions',
    dossierLeervragen: 'Learning questions for the whole dossier',
    status: { open: 'open', bezig: 'working on it', beantwoord: 'answered' },
    actions: 'What I will do',
    done: 'done',
    linkedEvidence: 'Linked evidence',
    evidence: 'Evidence',
    evidenceNumber: (n) => `Evidence ${n}`,
    kinds: { praktijkvoorbeeld: 'Practice example', 'eigen-praktijk': 'Own practice', feedback: 'Feedback' },
    card: {
      context: 'Context',
      initiative: 'Initiative of',
      worked: 'What worked',
      notWorked: 'What did not work',
      myWijk: 'What this would ask in my neighbourhood',
      date: 'Date',
      place: 'Place',
      involved: 'Involved',
      happened: 'What happened',
      from: 'From',
      fromRole: 'Who',
      said: 'What was said',
    },
    feedbackSources: { collega: 'colleague', bewoners: 'residents or client group', assessor: 'assessor or teacher', anders: 'other' },
    attachments: 'Attachments',
    note: 'Note',
    guide: 'Guide',
    describedAt: (n, title, theme) => `Evidence ${n}, ‘${title}’: described under ${theme}.`,
    changed: 'What I now do differently',
    changedQuestion: 'What have I already changed in my way of working, along the way (and without noticing)?',
    ratings: 'Self-rating',
    scale: ['beginning', 'on the way', 'sufficient', 'good', 'second nature'],
  },
};
