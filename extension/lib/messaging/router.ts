// The background's side of the protocol: validates each request, checks who may send it,
// runs the handler and answers with a Reply. Unknown traffic is ignored.
import { isKnipselError } from '@knipsel/core';
import { checkRequest, contentScriptMessages, type Messages, type MessageType, type Reply } from './protocol.js';

export interface SenderInfo {
  /** The sending tab, for content scripts. */
  tab?: { id?: number; url?: string };
  /** The sending document's URL. */
  url?: string;
  /** The sending extension's id. */
  id?: string;
}

export type Handlers = { [K in MessageType]: (input: Parameters<Messages[K]>[0], sender: SenderInfo) => ReturnType<Messages[K]> };

/** Requests from a page (content script) may only be the page/* ones. */
export function isExtensionPage(sender: SenderInfo, extensionOrigin: string): boolean {
  return !!sender.url && sender.url.startsWith(extensionOrigin);
}

export function createRouter(handlers: Handlers, options: { extensionOrigin: string; extensionId: string }) {
  /** Handle one raw message; resolves to a Reply, or null when the message is not ours. */
  async function handle(message: unknown, sender: SenderInfo): Promise<Reply<unknown> | null> {
    const checked = checkRequest(message);
    if (!checked) return null;
    if ('error' in checked) return { ok: false, error: { code: 'invalid-input', message: checked.error } };
    if (sender.id !== undefined && sender.id !== options.extensionId) return { ok: false, error: { code: 'forbidden', message: 'Not from this extension.' } };
    if (!isExtensionPage(sender, options.extensionOrigin) && !contentScriptMessages.includes(checked.type)) {
      return { ok: false, error: { code: 'forbidden', message: `${checked.type} is not available to web pages.` } };
    }
    try {
      const handler = handlers[checked.type] as (input: unknown, sender: SenderInfo) => Promise<unknown>;
      return { ok: true, value: await handler(checked.input, sender) };
    } catch (error) {
      const code = isKnipselError(error) ? error.code : ((error as { code?: string })?.code ?? 'failed');
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  }
  return { handle };
}
