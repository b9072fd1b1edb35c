// Bodies follow a shared dossier's document from colleagues: once the doc has synced with
// peers or the relay, the bodies its clips name and this device lacks are fetched (the
// dossier on screen's `followBodies`: the clip on screen first, then the rest, with
// progress), and a relay member who may edit uploads the bodies the relay lacks. Run again
// when clips arrive or are added (the set of hashes the doc names changed); each run asks
// only for what is still missing, so a run cut short is picked up by the next. An upload
// the relay refused for now (its document does not name the body yet, or the dossier's
// quota is reached) or that did not get through is offered again at a later run, and a run
// follows by itself after `retryMs`: the body stays on this device meanwhile.
import { bodyHashes } from '@knipsel/core';
import type * as Y from 'yjs';

export interface BodySource {
  /** Fetch bodies; resolves with the hashes stored. */
  fetch(hashes: string[]): Promise<string[]>;
  /** Upload the bodies among these the other side lacks (the relay); `pending`: not there and not sent now. */
  upload?(hashes: string[]): Promise<{ pending: string[] }>;
}

export interface BodyMover {
  /** Run now (after a sync, a peer that came, a clip asked for on screen). */
  kick(first?: string[]): void;
  stop(): void;
}

export function keepBodiesMoving(options: {
  doc: Y.Doc;
  source: BodySource;
  /** The dossier on screen's follow (undefined when this dossier is not on screen). */
  follow: () => ((fetch: (hashes: string[]) => Promise<string[]>, first?: string[]) => Promise<void>) | undefined;
  /** Whether to upload now (a relay member who may edit, connected). */
  mayUpload?: () => boolean;
  report: (error: unknown) => void;
  delayMs?: number;
  /** When to run again after an upload left bodies behind; default a minute. */
  retryMs?: number;
}): BodyMover {
  const { doc, source } = options;
  const uploaded = new Set<string>();
  let named = -1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let first: string[] = [];
  let lastError = '';

  const run = async () => {
    if (stopped) return;
    const hashes = [...bodyHashes(doc)];
    named = hashes.length;
    if (source.upload && options.mayUpload?.()) {
      const fresh = hashes.filter((hash) => !uploaded.has(hash));
      if (fresh.length > 0) {
        let pending = new Set(fresh);
        try {
          pending = new Set((await source.upload(fresh)).pending);
        } finally {
          // Asked about once: what the relay had or took is not asked about again this session.
          for (const hash of fresh) if (!pending.has(hash)) uploaded.add(hash);
          if (pending.size > 0 && !stopped) {
            if (retry) clearTimeout(retry);
            retry = setTimeout(() => {
              retry = null;
              kick();
            }, options.retryMs ?? 60_000);
          }
        }
      }
    }
    const follow = options.follow();
    const asked = first;
    first = [];
    if (follow && !stopped) await follow((wanted) => source.fetch(wanted), asked);
  };
  const kick = (wanted: string[] = []) => {
    first = [...first, ...wanted];
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = running
        .then(run)
        .then(() => {
          lastError = '';
        })
        .catch((error: unknown) => {
          // The same refusal run after run (a full relay) is told once, not every minute.
          if (String(error) !== lastError) options.report(error);
          lastError = String(error);
        });
    }, options.delayMs ?? 300);
  };
  // Clips arrived or were added: the hashes the doc names changed (looked at once a second
  // at most, not at every keystroke in a note).
  let check: ReturnType<typeof setTimeout> | null = null;
  const onUpdate = () => {
    check ??= setTimeout(() => {
      check = null;
      if (!stopped && bodyHashes(doc).size !== named) kick();
    }, 1000);
  };
  doc.on('update', onUpdate);
  return {
    kick,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      if (check) clearTimeout(check);
      doc.off('update', onUpdate);
    },
  };
}
