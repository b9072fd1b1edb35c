// The bridge as the popup and the options see it: status, pairings, pairing requests and
// held deletions, reloaded whenever the background says the bridge changed. Answers go
// back through the typed protocol (extension pages only; web pages cannot send these).
import type { BridgeInfo } from '../../lib/messaging/protocol';
import { onBackgroundEvent, send } from '../../lib/messaging/send';

export class BridgeModel {
  info = $state<BridgeInfo | null>(null);
  /** Set after the user's click, until the next status says more. */
  answered = $state<'paired' | 'gone' | null>(null);
  busy = $state(false);

  /** Load now and follow changes; returns the teardown. */
  start(): () => void {
    void this.load();
    return onBackgroundEvent((event) => {
      if (event.type === 'bridge/changed') void this.load();
    });
  }

  async load(): Promise<void> {
    try {
      this.info = await send('bridge/status', {});
    } catch {
      // The background is waking up; the next change event loads again.
    }
  }

  async answer(requestId: string, accept: boolean): Promise<void> {
    this.busy = true;
    try {
      const { paired } = await send('bridge/pair-answer', { requestId, accept });
      this.answered = paired ? 'paired' : null;
    } catch {
      this.answered = 'gone';
    } finally {
      this.busy = false;
      await this.load();
    }
  }

  async unpair(pairId: string): Promise<void> {
    await send('bridge/unpair', { pairId });
    await this.load();
  }

  async resolveDeletions(accept: boolean): Promise<void> {
    this.busy = true;
    try {
      await send('bridge/deletions', { accept });
    } finally {
      this.busy = false;
      await this.load();
    }
  }
}
