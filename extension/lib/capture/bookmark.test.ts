import { describe, expect, it } from 'vitest';
import { bookmarkCapture, textSelectionCapture, titleFromUrl } from './bookmark';

describe('bookmark captures', () => {
  it('uses the link text as title, else a readable address', () => {
    expect(bookmarkCapture('https://www.movisie.nl/a', '  Tien   gouden regels ', 5).title).toBe('Tien gouden regels');
    expect(bookmarkCapture('https://www.movisie.nl/artikel/buurt/', null).title).toBe('movisie.nl/artikel/buurt');
    expect(titleFromUrl('nope')).toBe('nope');
  });
  it('escapes selection text into HTML', () => {
    const capture = textSelectionCapture('https://x.nl/', 'X', '<b>vet</b> & zo');
    expect(capture.html).toBe('<p>&lt;b&gt;vet&lt;/b&gt; &amp; zo</p>');
    expect(capture.wordCount).toBe(3);
    expect(capture.mode).toBe('selection');
  });
});
