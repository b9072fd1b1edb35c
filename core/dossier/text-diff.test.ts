import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from './text-diff.js';

describe('replaceText', () => {
  it('always ends with exactly the new text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
        const doc = new Y.Doc();
        const text = doc.getText('t');
        text.insert(0, before);
        replaceText(text, after);
        expect(text.toString()).toBe(after);
      }),
    );
  });

  it('does not split an emoji', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀b');
    replaceText(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
  });
});
