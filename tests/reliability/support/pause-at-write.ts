// Stopping a page at an exact moment of its storage work, so that a kill lands there and not
// wherever a poll happens to look: IndexedDB writes of the page are counted (a wrapper on
// `IDBObjectStore.prototype.put/add`, installed in the page) and at the chosen write its
// JavaScript stops in the debugger (`Debugger.paused`), until the test kills the browser.
import type { Page } from 'playwright-core';

export type WritePoint =
  /** The `nth` write to the file store (bodies, images) is about to be asked for. */
  | { files: number }
  /** The first write to the update log after `afterFiles` file writes: `asked` (not yet stored) or `stored` (durable). */
  | { afterFiles: number; update: 'asked' | 'stored' };

/** Arm the page; `paused` resolves once it has stopped at `point`. */
export async function pauseAtWrite(page: Page, point: WritePoint): Promise<{ paused: Promise<void> }> {
  await page.evaluate((at) => {
    let files = 0;
    let done = false;
    const stop = () => {
      done = true;
      // The point where the test kills the browser (the Debugger domain is enabled).
      debugger;
    };
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (!done && this.name === 'files' && ++files === ('files' in at ? at.files : -1)) stop();
        const request = original.apply(this, args);
        if (!done && this.name === 'updates' && 'afterFiles' in at && files >= at.afterFiles) {
          if (at.update === 'asked') stop();
          else request.transaction?.addEventListener('complete', stop);
        }
        return request;
      };
    }
  }, point);
  const cdp = await page.context().newCDPSession(page);
  const paused = new Promise<void>((resolve) => cdp.once('Debugger.paused', () => resolve()));
  await cdp.send('Debugger.enable');
  return { paused };
}
