// The background's way to the PDF host page (entrypoints/offscreen): Chrome's service worker
// cannot start workers, so it opens the page as an offscreen document; Firefox's background
// page holds it in an iframe. Then it asks over runtime messages: read a PDF, keep its file.
import { browser } from 'wxt/browser';
import type { CaptureFile } from '@knipsel/core';
import type { PdfHostReply, PdfHostRequest, PdfRead } from '../pdf/pdf-host-protocol.js';

interface OffscreenApi {
  hasDocument?(): Promise<boolean>;
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
}

export type PdfFailure = Extract<PdfHostReply, { ok: false }>['reason'];

export class PdfHostError extends Error {
  constructor(
    readonly reason: PdfFailure,
    message: string,
  ) {
    super(message);
  }
}

export function createPdfHost() {
  let opening: Promise<void> | null = null;

  async function open(): Promise<void> {
    const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
    const url = browser.runtime.getURL('/offscreen.html');
    if (offscreen) {
      if (await offscreen.hasDocument?.()) return;
      try {
        await offscreen.createDocument({ url, reasons: ['WORKERS'], justification: 'Read the text of a PDF the user clips with pdf.js in a worker.' });
      } catch (error) {
        // Another request opened it a moment ago.
        if (!/single offscreen/i.test(String(error))) throw error;
      }
      return;
    }
    if (typeof document === 'undefined') throw new PdfHostError('failed', 'no way to read PDFs here');
    if (document.querySelector('iframe[data-knipsel-pdf]')) return;
    const frame = document.createElement('iframe');
    frame.dataset.knipselPdf = '';
    frame.src = url;
    await new Promise<void>((resolve) => {
      frame.addEventListener('load', () => resolve(), { once: true });
      document.body.append(frame);
    });
  }

  async function ask(request: PdfHostRequest): Promise<PdfHostReply> {
    opening ??= open().finally(() => (opening = null));
    await opening;
    for (let attempt = 0; ; attempt++) {
      const reply = (await browser.runtime.sendMessage(request).catch(() => undefined)) as PdfHostReply | undefined;
      if (reply) return reply;
      // The page may still be starting: it answers once its listener is up.
      if (attempt >= 20) throw new PdfHostError('failed', 'the PDF reader did not answer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    /** Download and read the PDF at `url`. Throws PdfHostError. */
    async read(url: string): Promise<PdfRead> {
      const reply = await ask({ knipselPdf: 1, type: 'read', url });
      if (!reply.ok) throw new PdfHostError(reply.reason, reply.message);
      if (!reply.read) throw new PdfHostError('failed', 'no answer');
      return reply.read;
    },
    /** Keep the file a capture names (read from `url` before). Throws PdfHostError. */
    async keep(file: CaptureFile, url: string): Promise<void> {
      const reply = await ask({ knipselPdf: 1, type: 'keep', sha256: file.sha256, url });
      if (!reply.ok) throw new PdfHostError(reply.reason, reply.message);
    },
  };
}

export type PdfHost = ReturnType<typeof createPdfHost>;
