// A QR code of a text (the invite link) as one SVG path: rendered by Svelte as an <svg>
// element, so no inline script or {@html} is needed under the app's strict CSP.
// uqr (unjs) does the encoding: small, dependency-free, typed.
import { encode } from 'uqr';

export interface QrDrawing {
  /** Modules per side, including the quiet zone. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  path: string;
}

/** Error correction M: survives a smudged phone screen; the link fits comfortably. */
export function qrDrawing(text: string, border = 4): QrDrawing {
  const { data, size } = encode(text, { ecc: 'M', border });
  let path = '';
  for (let y = 0; y < size; y++) {
    const row = data[y];
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      // Merge runs of dark modules in a row into one rectangle.
      let run = 1;
      while (x + run < size && row[x + run]) run++;
      path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size, path };
}
