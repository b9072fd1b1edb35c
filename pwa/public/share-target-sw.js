// @ts-check
// The web app's share target, imported by the service worker Workbox generates (importScripts,
// so it runs before Workbox's routes): a page, text or photo shared to the installed app
// arrives as a POST to /gedeeld. It is put in the share inbox (IndexedDB `knipsel-share-inbox`)
// as it came and the app is opened at #/gedeeld, where the app checks it and makes the clip —
// no network needed, so sharing works offline. Plain JavaScript: the generated service worker
// imports it as it is. Limits: 10 photos, 20 MB each, 20,000 characters of text.
/// <reference lib="webworker" />
const scope = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const inboxName = 'knipsel-share-inbox';

/** @returns {Promise<IDBDatabase>} */
function openInbox() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(inboxName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('shares', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** @param {FormData} form */
async function entryOf(form) {
  const field = (/** @type {string} */ name) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.slice(0, 20000) : '';
  };
  const photos = [];
  for (const value of form.getAll('photos').slice(0, 10)) {
    if (typeof value === 'string' || value.size === 0 || value.size > 20 * 1024 * 1024) continue;
    photos.push({ name: value.name.slice(0, 200), type: value.type.slice(0, 100), bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { id: `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, at: Date.now(), title: field('title'), text: field('text'), url: field('url'), photos };
}

/** @param {Request} request */
async function receive(request) {
  try {
    const entry = await entryOf(await request.formData());
    const db = await openInbox();
    await new Promise((resolve, reject) => {
      const tx = db.transaction('shares', 'readwrite');
      tx.objectStore('shares').put(entry);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  } catch (error) {
    console.warn('Knipsel: the shared item could not be received', error);
    return Response.redirect('/#/gedeeld?mislukt=1', 303);
  }
  return Response.redirect('/#/gedeeld', 303);
}

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.origin === scope.location.origin && url.pathname === '/gedeeld') {
    event.respondWith(receive(event.request));
  }
});
