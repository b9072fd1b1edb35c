import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { noteClipUrl } from '../dossier/schema.js';
import { bookmarkCapture, countTypedWords, linkTitle, normalizeUrl, noteCapture, selectionCapture, siteNameOf, titleFromText, titleFromUrl } from './hand-made.js';
import { escapeHtml, linesToHtml, textToHtml } from './plain-html.js';

describe('hand-made captures', () => {
  test('normalises typed addresses and refuses what is no web address', () => {
    const typed = ['buurtkracht.nl/noord', ' http://example.org ', 'javascript:alert(1)', 'geen adres', 'buurtkracht', ''];
    expect(typed.map(normalizeUrl)).toEqual(['https://buurtkracht.nl/noord', 'http://example.org/', null, null, null, null]);
  });

  test('a bookmark capture is valid for a dossier', () => {
    const url = normalizeUrl('www.movisie.nl/artikel')!;
    const capture = bookmarkCapture({ url, title: siteNameOf(url), siteName: siteNameOf(url), capturedAt: 1000 });
    expect(capture).toMatchObject({
      mode: 'bookmark',
      siteName: 'movisie.nl',
      title: 'movisie.nl',
      url: 'https://www.movisie.nl/artikel',
      capturedAt: 1000,
      html: '',
      wordCount: 0,
    });
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd1', name: 'Test' });
    const dossier = createDossier(doc);
    const id = dossier.clips.add({ capture, note: 'Mooi voorbeeld' });
    expect(dossier.clips.get(id)?.note).toBe('Mooi voorbeeld');
  });

  test('a link takes its text as title, else a readable address', () => {
    expect(linkTitle('  Tien   gouden regels ', 'https://www.movisie.nl/a')).toBe('Tien gouden regels');
    expect(linkTitle(null, 'https://www.movisie.nl/artikel/buurt/')).toBe('movisie.nl/artikel/buurt');
    expect(titleFromUrl('nope')).toBe('nope');
  });

  test('selection text is escaped into one paragraph', () => {
    const capture = selectionCapture({ url: 'https://x.nl/', title: 'X', text: ' <b>vet</b> & zo ', capturedAt: 5 });
    expect(capture.html).toBe('<p>&lt;b&gt;vet&lt;/b&gt; &amp; zo</p>');
    expect(capture.markdown).toBe('<b>vet</b> & zo');
    expect(capture.wordCount).toBe(2);
    expect(capture.mode).toBe('selection');
  });

  test('a note-clip keeps the text, escapes HTML and takes its title from the first line', () => {
    const capture = noteCapture({ text: 'Ideeën <b>van</b> bewoners\nregel twee\n\nAlinea twee', capturedAt: 5 });
    expect(capture.url).toBe(noteClipUrl);
    expect(capture.mode).toBe('note');
    expect(capture.title).toBe('Ideeën <b>van</b> bewoners');
    expect(capture.html).toBe('<p>Ideeën &lt;b&gt;van&lt;/b&gt; bewoners<br>regel twee</p>\n<p>Alinea twee</p>');
    expect(capture.wordCount).toBe(7);
    expect(() => noteCapture({ text: '   ', capturedAt: 1 })).toThrow();
  });

  test('text helpers', () => {
    expect(countTypedWords('  Een — twee drie ')).toBe(3);
    expect(escapeHtml(`a<"'&>`)).toBe('a&lt;&quot;&#39;&amp;&gt;');
    expect(textToHtml('a & b')).toBe('<p>a &amp; b</p>');
    expect(linesToHtml('een\ntwee\n\n')).toBe('<p>een</p>\n<p>twee</p>');
    expect(titleFromText('x'.repeat(100)).endsWith('…')).toBe(true);
    expect(titleFromText('Kort en goed\nmeer')).toBe('Kort en goed');
  });
});
