// In-order delivery of a data channel's messages when some of them are still being made
// (a compressed message inflates asynchronously): the ones after it wait their turn.

/**
 * Hands messages to `deliver` in the order they were pushed; a pushed promise (a message
 * still inflating) holds back the ones after it. A promise that rejects is reported to
 * `reject` and skipped.
 */
export function createOrderedDelivery(deliver: (message: Uint8Array) => void, reject: (reason: string) => void) {
  const queue: Array<Uint8Array | Promise<Uint8Array>> = [];
  let waiting = false;
  let draining = false;
  const drain = () => {
    if (draining) return; // a delivery pushed more: the loop below gets to it
    draining = true;
    try {
      drainNow();
    } finally {
      draining = false;
    }
  };
  const drainNow = () => {
    while (queue.length > 0) {
      const head = queue[0];
      if (head instanceof Uint8Array) {
        queue.shift();
        deliver(head);
        continue;
      }
      waiting = true;
      head.then(
        (message) => {
          queue[0] = message;
          waiting = false;
          drain();
        },
        (error: unknown) => {
          queue.shift();
          waiting = false;
          reject(error instanceof Error ? error.message : 'undecodable compressed message');
          drain();
        },
      );
      return;
    }
  };
  return {
    push(item: Uint8Array | Promise<Uint8Array>) {
      queue.push(item);
      if (!waiting) drain();
    },
  };
}
