// Service worker registration: tells the app when a new version is waiting, and applies it.
import { registerSW } from 'virtual:pwa-register';

export function registerUpdates(onNeedRefresh: (apply: () => Promise<void>) => void): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      onNeedRefresh(async () => {
        // workbox-window reloads only for updates it found itself; an update the browser found
        // later (an "external" one) switches the controller too, so reload on that as well.
        // A page that no worker controls yet (the very first visit) gets no controllerchange.
        navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
        const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
        if (waiting && !navigator.serviceWorker.controller) {
          waiting.addEventListener('statechange', () => waiting.state === 'activated' && window.location.reload());
        }
        await update(true);
      });
    },
  });
}
