// The warnings extraction can give, each with a machine code and Dutch and English text.

export interface ExtractWarning {
  code: 'thin-content' | 'mostly-boilerplate' | 'fallback-used' | 'no-selection' | 'not-html' | 'truncated' | 'page-limited' | (string & {});
  nl: string;
  en: string;
}

const texts: Record<string, { nl: string; en: string }> = {
  'thin-content': {
    nl: 'Er is weinig tekst gevonden; misschien is dit niet het hele artikel.',
    en: 'Little text was found; this may not be the whole article.',
  },
  'mostly-boilerplate': {
    nl: 'De gevonden inhoud bestaat vooral uit links of menu’s.',
    en: 'The content found is mostly links or menus.',
  },
  'fallback-used': {
    nl: 'Geen artikel gevonden; de hele pagina is opgeslagen.',
    en: 'No article was found; the whole page was captured instead.',
  },
  'no-selection': {
    nl: 'Er is niets geselecteerd; het artikel is opgeslagen.',
    en: 'Nothing is selected; the article was captured instead.',
  },
  'not-html': {
    nl: 'Deze pagina is geen gewone webpagina; alleen de tekst is opgeslagen.',
    en: 'This page is not a regular web page; only its text was captured.',
  },
  truncated: {
    nl: 'De pagina is erg groot; alleen het begin van de tekst is opgeslagen.',
    en: 'The page is very large; only the start of its text was captured.',
  },
  'page-limited': {
    nl: 'Deze pagina is uitzonderlijk groot of diep genest: Knipsel heeft er een begrensd deel van gelezen. Controleer of de tekst compleet is.',
    en: 'This page is unusually large or deeply nested: Knipsel read a bounded part of it. Check that the text is complete.',
  },
  'text-only': {
    nl: 'Opmaak kon niet veilig worden bewaard; alleen de tekst is opgeslagen.',
    en: 'Formatting could not be kept safely; only the text was captured.',
  },
  'extract-failed': {
    nl: 'Het uitlezen van de pagina is mislukt; alleen de ruwe tekst is opgeslagen.',
    en: 'Reading the page failed; only its raw text was captured.',
  },
  'pdf-scanned': {
    nl: 'Deze PDF heeft geen tekstlaag (een scan): Knipsel kan de tekst niet lezen. Het adres en, als je dat kiest, het bestand worden bewaard.',
    en: 'This PDF has no text layer (a scan): Knipsel cannot read its text. The address and, if you choose, the file are kept.',
  },
  'pdf-partly-scanned': {
    nl: 'Sommige pagina’s van deze PDF hebben geen tekstlaag (gescand); hun tekst ontbreekt.',
    en: 'Some pages of this PDF have no text layer (scanned); their text is missing.',
  },
  'pdf-empty': {
    nl: 'Deze PDF heeft geen pagina’s.',
    en: 'This PDF has no pages.',
  },
  'pdf-title-guessed': {
    nl: 'De PDF noemt zelf geen titel; de titel komt van de eerste pagina. Controleer hem.',
    en: 'The PDF names no title itself; the title comes from its first page. Check it.',
  },
  'pdf-encrypted': {
    nl: 'Deze PDF is met een wachtwoord beveiligd; Knipsel kan hem niet lezen. Het adres wordt bewaard.',
    en: 'This PDF is protected with a password; Knipsel cannot read it. The address is kept.',
  },
  'pdf-unreadable': {
    nl: 'Deze PDF kon niet gelezen worden (beschadigd of geen PDF). Het adres wordt bewaard.',
    en: 'This PDF could not be read (damaged or not a PDF). The address is kept.',
  },
  'pdf-page-limited': {
    nl: 'Deze PDF is erg lang: alleen de eerste pagina’s zijn gelezen.',
    en: 'This PDF is very long: only its first pages were read.',
  },
};

/** A warning by code, with its Dutch and English text. */
export function warning(code: string): ExtractWarning {
  const text = texts[code] ?? { nl: code, en: code };
  return { code, ...text };
}
