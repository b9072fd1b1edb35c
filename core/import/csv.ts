// A small RFC 4180 CSV reader for bookmark exports: quoted fields with "" escapes and line
// breaks, CRLF/LF/CR, a BOM, and `;` as separator (Dutch Excel saves CSV that way).
// Our own instead of papaparse: ~60 lines, no dependency, and it reports an unterminated
// quote (a truncated file) instead of guessing.

export interface CsvResult {
  rows: string[][];
  /** The file ended inside a quoted field: the last row is incomplete and left out. */
  unterminated: boolean;
}

/** Comma, or semicolon when the first line has more semicolons than commas outside quotes. */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length && i < 10_000; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === '\t') tabs++;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string, delimiter: string = sniffDelimiter(input.replace(/^\uFEFF/, ''))): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row); // skip blank lines
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Tolerated: a stray quote inside an unquoted field is kept as text.
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) return { rows, unterminated: true };
  if (field !== '' || row.length > 0) endRow();
  return { rows, unterminated: false };
}
