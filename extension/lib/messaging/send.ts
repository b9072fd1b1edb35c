// The typed client side of the protocol: `send('clip/save', input)` from any extension
// page or content script, with the background's errors rethrown as MessageError.
import { browser } from 'wxt/browser';
import type { BackgroundEvent, Input, MessageType, Reply, Request, Results } from './protocol.js';

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/**
 * The input as plain data. Chrome sends messages as JSON; Firefox uses the structured clone,
 * which refuses proxies ("Proxy object could not be cloned") — and Svelte's $state values
 * are proxies. A JSON copy gives both browsers the same message.
 */
export function plainInput<T>(input: T): T {
  return input === undefined ? input : (JSON.parse(JSON.stringify(input)) as T);
}

export async function send<K extends MessageType>(type: K, input: Input<K>): Promise<Results[K]> {
  const request: Request<K> = { knipsel: 1, type, input: plainInput(input) };
  const reply = (await browser.runtime.sendMessage(request)) as Reply<Results[K]> | undefined;
  if (!reply) throw new MessageError('no-reply', `No answer to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
  return reply.value;
}

/** Listen to the background's broadcast events; returns the unsubscribe. */
export function onBackgroundEvent(listener: (event: BackgroundEvent) => void): () => void {
  const handler = (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as BackgroundEvent).knipselEvent === 1) listener(message as BackgroundEvent);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
