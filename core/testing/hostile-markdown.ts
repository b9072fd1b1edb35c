// Hostile Markdown for tests (unit, reliability): what a peer, relay or backup can put in a
// capture's Markdown, a note or a highlight note to get HTML or a script link into an exported
// .md file — raw HTML, every way of spelling a `javascript:` link target, and a trick that
// makes a parser that only follows fences disagree with the reader on where code ends. `js` is the script a vector would run.

const encodeAll = (text: string, hex: boolean) => [...text].map((c) => (hex ? `&#x${c.charCodeAt(0).toString(16)};` : `&#${c.charCodeAt(0)};`)).join('');
const base64 = (text: string) => btoa(text);

export interface HostileMarkdown {
  id: string;
  markdown: string;
  /** False where the CommonMark reference reader happens to render it harmless (others may not). */
  liveInCommonMark?: false;
}

export function hostileMarkdown(js: string): HostileMarkdown[] {
  // The script as a link target that needs no brackets or spaces (browsers decode it before running).
  const call = js.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
  return [
    { id: 'img-onerror', markdown: `Tekst <img src=x onerror="${js.replace(/"/g, '&quot;')}"> tekst` },
    { id: 'script', markdown: `<script>${js}</script>` },
    { id: 'html-block', markdown: `<div>\n<a href="javascript:${call}">klik</a>\n</div>` },
    { id: 'svg', markdown: `<svg onload="${js.replace(/"/g, '&quot;')}"></svg>` },
    { id: 'iframe-comment', markdown: `<!-- x --><iframe src="javascript:${call}"></iframe>` },
    { id: 'autolink', markdown: `<javascript:${call}>` },
    { id: 'link', markdown: `[Lees verder](javascript:${call})` },
    { id: 'link-angle', markdown: `[Lees verder](<javascript:${js}>)` },
    { id: 'link-case-space', markdown: `[Lees verder](  JaVaScRiPt:${call} "titel")` },
    { id: 'link-newline', markdown: `[Lees verder](\njavascript:${call})` },
    { id: 'link-entity', markdown: `[Lees verder](&#106;avascript:${call})` },
    { id: 'link-entities', markdown: `[Lees verder](${encodeAll(`javascript:${js}`, false)})` },
    { id: 'link-hex', markdown: `[Lees verder](${encodeAll(`javascript:${js}`, true)})` },
    { id: 'link-colon-entity', markdown: `[Lees verder](javascript&colon;${call})` },
    // A tab inside the scheme: the reference reader percent-encodes it; a browser strips a raw one.
    { id: 'link-tab-entity', markdown: `[Lees verder](java&Tab;script:${call})`, liveInCommonMark: false },
    { id: 'link-backslash', markdown: `[Lees verder](javascript\\:${call})` },
    { id: 'image', markdown: `![plaatje](javascript:${call})` },
    { id: 'data', markdown: `[data](data:text/html;base64,${base64(`<script>${js}</script>`)})` },
    { id: 'vbscript', markdown: '[vb](vbscript:msgbox(1))' },
    { id: 'file', markdown: '[bestand](file:///etc/passwd)' },
    { id: 'reference', markdown: `[Lees verder][bron]\n\n[bron]: javascript:${call}` },
    { id: 'reference-next-line', markdown: `[Lees verder][bron2]\n\n[bron2]:\n   javascript:${call} "titel"` },
    { id: 'fence-in-list', markdown: `- punt\n  \`\`\`\n<img src=x onerror="${js.replace(/"/g, '&quot;')}">\n  \`\`\`` },
    { id: 'code-span-break', markdown: `\`\`code\`<img src=x onerror="${js.replace(/"/g, '&quot;')}">` },
  ];
}
