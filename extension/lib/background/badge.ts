// Confirmation on the toolbar button: a short badge and the message as its tooltip,
// cleared after a few seconds.
import { browser } from 'wxt/browser';

type Kind = 'ok' | 'info' | 'error' | 'ask';
const look: Record<Kind, { text: string; color: string }> = {
  ok: { text: '✓', color: '#0f5e59' },
  info: { text: '=', color: '#8a5a00' },
  error: { text: '!', color: '#b42318' },
  /** Something waits for the user in the popup (a pairing request). */
  ask: { text: '?', color: '#0f5e59' },
};

function actionApi() {
  return (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction) as typeof browser.action | undefined;
}

export async function showBadge(tabId: number | undefined, kind: Kind, message: string, ms = 5000): Promise<void> {
  const action = actionApi();
  if (!action) return;
  const target = tabId !== undefined ? { tabId } : {};
  try {
    await action.setBadgeBackgroundColor({ ...target, color: look[kind].color });
    await action.setBadgeText({ ...target, text: look[kind].text });
    await action.setTitle({ ...target, title: `Knipsel — ${message}` });
    setTimeout(() => {
      void action.setBadgeText({ ...target, text: '' }).catch(() => undefined);
      void action.setTitle({ ...target, title: '' }).catch(() => undefined);
    }, ms);
  } catch {
    // The tab may be gone; a badge is only a courtesy.
  }
}

/** Take a badge away before its time (what it asked about was answered). */
export async function clearBadge(tabId: number | undefined): Promise<void> {
  const action = actionApi();
  const target = tabId !== undefined ? { tabId } : {};
  try {
    await action?.setBadgeText({ ...target, text: '' });
    await action?.setTitle({ ...target, title: '' });
  } catch {
    // The tab may be gone.
  }
}
