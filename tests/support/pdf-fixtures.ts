// The printed PDF reports the PDF tests serve (tests/fixtures/pdf), what a clip of one must
// hold, and the extension's kept-file store read from one of its pages (Chromium and Firefox).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './browser.js';

export const pdfFixtureDir = join(repoRoot, 'tests/fixtures/pdf');

/** Served path → fixture file. */
export const servedPdfs: Record<string, string> = {
  '/rapporten/kenniskring.pdf': 'rapport-kenniskring.pdf',
  '/rapporten/transformatie.pdf': 'rapport-transformatie.pdf',
};

export const pdfBytes = (file: string): Buffer => readFileSync(join(pdfFixtureDir, file));

/**
 * The size of the file kept under `hash` in the extension's file store, or null. Runs in an
 * extension page: pass it to `page.evaluate(keptFileSize, hash)`.
 */
export function keptFileSize(hash: string): Promise<number | null> {
  return new Promise<number | null>((resolve, reject) => {
    const open = indexedDB.open('knipsel-files');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('files').objectStore('files').get(hash);
      get.onsuccess = () => resolve(get.result ? (get.result.bytes as Uint8Array).byteLength : null);
      get.onerror = () => reject(get.error);
    };
  });
}

/** A clip of the kenniskring report served at `url`: its metadata, pages, text and kept file. */
export function expectKenniskringClip(clip: any, url: string): void {
  expect(clip.capture.url).toBe(url);
  expect(clip.capture.byline).toBe('Miriam Stolten');
  expect(clip.capture.pdf.pages.map((p: { label: string }) => p.label)).toEqual(['1', '2', '3']);
  expect(clip.capture.text).toContain('Capaciteitsgericht werken houdt voor professionals een andere mindset');
  expect(clip.capture.pdf.file).toMatchObject({ size: pdfBytes('rapport-kenniskring.pdf').byteLength, name: 'kenniskring.pdf', type: 'application/pdf' });
}
