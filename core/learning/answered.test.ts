import { describe, expect, it } from 'vitest';
import { answeredPrompts, cleanNote, isAnswer, noteIsAnswered, reflectionStatus } from './answered.js';

const prompt = { heading: 'Situatie', question: 'Wat gebeurde er, waar en met wie?' };

describe('answered reflections', () => {
  it('an answer is more than its question or heading', () => {
    expect(isAnswer('', prompt)).toBe(false);
    expect(isAnswer('   \n ', prompt)).toBe(false);
    expect(isAnswer('Wat gebeurde er, waar en met wie?', prompt)).toBe(false);
    expect(isAnswer('Situatie\nWat gebeurde er, waar en met wie?\n', prompt)).toBe(false);
    expect(isAnswer('ja', prompt)).toBe(false);
    expect(isAnswer('Op de bewonersavond, met vijf bewoners.', prompt)).toBe(true);
    expect(isAnswer('Wat gebeurde er, waar en met wie? In het buurthuis.', prompt)).toBe(true);
  });

  it('a reflection counts once every question is answered', () => {
    const prompts = [
      { id: 'a', ...prompt },
      { id: 'b', heading: 'Taak', question: 'Wat was jouw rol?' },
    ];
    expect(reflectionStatus({ prompts, answers: { a: 'In het buurthuis.', b: '' } })).toEqual({ answered: 1, total: 2, complete: false });
    expect(reflectionStatus({ prompts, answers: { a: 'In het buurthuis.', b: 'Ik zat voor.' } })).toEqual({ answered: 2, total: 2, complete: true });
    expect(answeredPrompts({ prompts, answers: { a: ' In het buurthuis. ', b: 'Wat was jouw rol?' } })).toEqual([{ prompt: prompts[0], answer: 'In het buurthuis.' }]);
  });

  it('a note with only the prompts the app once inserted is no reflection, and exports leave them out', () => {
    const inserted = 'Situatie\nWat gebeurde er, waar en met wie?\n\nTaak\nWat was jouw rol of opdracht?\n';
    expect(noteIsAnswered(inserted)).toBe(false);
    expect(cleanNote(inserted)).toBe('');
    const half = 'Eerst dit: mooi voorbeeld.\n\nSituatie\nWat gebeurde er, waar en met wie?\nIn Kattenbroek koken bewoners samen.\n\nTaak\nWat was jouw rol of opdracht?\n';
    expect(noteIsAnswered(half)).toBe(true);
    expect(cleanNote(half)).toBe('Eerst dit: mooi voorbeeld.\n\nSituatie\nIn Kattenbroek koken bewoners samen.');
    expect(cleanNote('Gewoon een vrije reflectie.\nTwee regels.')).toBe('Gewoon een vrije reflectie.\nTwee regels.');
  });
});
