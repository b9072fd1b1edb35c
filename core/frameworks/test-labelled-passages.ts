// A labelled set for the theme suggester: passages copied word for word from the domain
// texts in tests/fixtures/domain-texts/ (suggest.test.ts checks that each occurs there), each
// with the preset themes a community worker would tag it with. Practice stories, arguments
// and questions from the texts; never the numbered lists or sentences the presets quote (those
// would match themselves). Four passages belong to no theme (a train journey, records, an
// address for a training, a busy team's agenda): suggestions for them count against precision.
// Labelled before the suggester was tuned; the same set was then used to choose its
// parameters (there is no held-out set), which the bench note says. The passages are data,
// in test-labelled-passages.json.
import passages from './test-labelled-passages.json';

export interface LabelledPassage {
  /** File in tests/fixtures/domain-texts/. */
  source: string;
  text: string;
  /** Preset theme ids, the most fitting first. */
  themes: string[];
}

export const labelledPassages: readonly LabelledPassage[] = passages;
