import { describe, expect, test } from 'vitest';
import { createDossier, initDossierDoc, noteClipUrl } from '@knipsel/core';
import * as Y from 'yjs';
import { bookmarkCapture, countWords, normalizeUrl, noteCapture, textToHtml, titleFromText } from './capture-input.js';

describe('capture input', () => {
  test('normalizes web addresses and rejects what is not one', () => {
    expect(normalizeUrl('buurtkracht.nl/noord')).toBe('https://buurtkracht.nl/noord');
    expect(normalizeUrl(' http://example.org ')).toBe('http://example.org/');
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('geen adres')).toBeNull();
    expect(normalizeUrl('buurtkracht')).toBeNull();
    expect(normalizeUrl('')).toBeNull();
  });

  test('a bookmark capture is valid for core and named after the site when untitled', () => {
    const capture = bookmarkCapture({ url: 'www.movisie.nl/artikel', now: 1000 });
    expect(capture).toMatchObject({ mode: 'bookmark', siteName: 'movisie.nl', title: 'movisie.nl', url: 'https://www.movisie.nl/artikel', capturedAt: 1000 });
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd1', name: 'Test' });
    const dossier = createDossier(doc);
    const id = dossier.clips.add({ capture, note: 'Mooi voorbeeld' });
    expect(dossier.clips.get(id)?.note).toBe('Mooi voorbeeld');
  });

  test('a note-clip keeps the text, escapes HTML and takes its title from the first line', () => {
    const capture = noteCapture({ text: 'Ideeën <b>van</b> bewoners\nregel twee\n\nAlinea twee', now: 5 });
    expect(capture.url).toBe(noteClipUrl);
    expect(capture.mode).toBe('note');
    expect(capture.title).toBe('Ideeën <b>van</b> bewoners');
    expect(capture.html).toBe('<p>Ideeën &lt;b&gt;van&lt;/b&gt; bewoners<br>regel twee</p>\n<p>Alinea twee</p>');
    expect(capture.wordCount).toBe(7);
    expect(() => noteCapture({ text: '   ', now: 1 })).toThrow();
  });

  test('helpers', () => {
    expect(countWords('  Een — twee drie ')).toBe(3);
    expect(textToHtml('a & b')).toBe('<p>a &amp; b</p>');
    expect(titleFromText('x'.repeat(100)).endsWith('…')).toBe(true);
    expect(titleFromText('Kort en goed\nmeer')).toBe('Kort en goed');
  });
});
