// Presence that follows people leaving within seconds. The awareness protocol renews a state
// every 15 s and drops one after 30 s of silence, and a WebRTC peer that closes its tab
// sends nothing: the "who is here" list lagged 10–40 s behind. Here our state is renewed
// every `heartbeatMs` and another client's state is dropped after `timeoutMs` without news
// (renewals included); `leave()` clears our own state, which the providers send on at once
// (the explicit goodbye on pagehide or disconnect). Cost: one small awareness message per
// member per heartbeat on each channel.
import * as awarenessProtocol from 'y-protocols/awareness';

export interface LivenessOptions {
  /** How often our own state is sent again. Default 1 s. */
  heartbeatMs?: number;
  /** Another client's state is dropped after this long without a message. Default 3.5 s. */
  timeoutMs?: number;
  now?: () => number;
}

export interface PresenceLiveness {
  /** Clear our state (sent to the others now) until `resume()`. */
  leave(): void;
  /** Send our state again after `leave()`. */
  resume(): void;
  /** Forget every other client's state now (we went offline: nobody is known to be here). */
  forgetOthers(): void;
  stop(): void;
}

export function keepPresenceLive(awareness: awarenessProtocol.Awareness, options: LivenessOptions = {}): PresenceLiveness {
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 3500;
  const now = options.now ?? (() => Date.now());
  let kept: unknown = awareness.getLocalState();
  let left = false;
  /** When each other client was last heard of (any message about it, renewals included). */
  const heard = new Map<number, number>();
  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const at = now();
    for (const id of [...added, ...updated]) if (id !== awareness.clientID) heard.set(id, at);
    for (const id of removed) heard.delete(id);
  };
  awareness.on('update', onUpdate);
  for (const id of awareness.getStates().keys()) if (id !== awareness.clientID) heard.set(id, now());

  const others = () => [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID);
  const tick = () => {
    if (!left) {
      const local = awareness.getLocalState();
      if (local) awareness.setLocalState(local);
    }
    const at = now();
    for (const id of others()) if (!heard.has(id)) heard.set(id, at);
    const stale = others().filter((id) => at - heard.get(id)! >= timeoutMs);
    if (stale.length > 0) awarenessProtocol.removeAwarenessStates(awareness, stale, 'timeout');
  };
  const timer = setInterval(tick, Math.min(heartbeatMs, timeoutMs / 3));

  return {
    leave() {
      if (left) return;
      kept = awareness.getLocalState() ?? kept;
      left = true;
      awareness.setLocalState(null);
    },
    resume() {
      if (!left) return;
      left = false;
      if (kept) awareness.setLocalState(kept as Record<string, unknown>);
    },
    forgetOthers() {
      const ids = others();
      if (ids.length > 0) awarenessProtocol.removeAwarenessStates(awareness, ids, 'offline');
    },
    stop() {
      clearInterval(timer);
      awareness.off('update', onUpdate);
    },
  };
}
