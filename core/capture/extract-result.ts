// What an extraction gives, for web pages (extract.ts) and PDFs (pdf/) alike: kept apart from
// extract.ts so PDF code (which runs in workers) does not pull the HTML pipeline in.
import type { Capture } from '../dossier/types.js';
import type { ExtractWarning } from './warnings.js';

export type ExtractMode = 'article' | 'selection' | 'page' | 'bookmark';

export interface ExtractResult {
  /** mode set to the mode actually used. */
  capture: Capture;
  /** 0..1: how sure we are this is the real content. */
  confidence: number;
  /** Machine codes + Dutch and English text. */
  warnings: ExtractWarning[];
  /** Suggested fallback when confidence is low, e.g. 'selection' or 'page'. */
  suggestedMode: ExtractMode | null;
}
