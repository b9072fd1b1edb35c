import { describe, expect, it } from 'vitest';
import { checkRequest } from './protocol';
import { createRouter, type Handlers } from './router';

const ext = 'chrome-extension://abc/';
const fromPopup = { id: 'abc', url: `${ext}popup.html` };
const fromPage = { id: 'abc', url: 'https://example.org/a', tab: { id: 3, url: 'https://example.org/a' } };

describe('checkRequest', () => {
  it('ignores messages that are not ours', () => {
    expect(checkRequest('hello')).toBeNull();
    expect(checkRequest({ type: 'clip/save' })).toBeNull();
    expect(checkRequest(null)).toBeNull();
  });
  it('rejects unknown types and bad input, naming the field', () => {
    expect(checkRequest({ knipsel: 1, type: 'clip/delete-all', input: {} })).toEqual({ error: 'Unknown message type: clip/delete-all' });
    const bad = checkRequest({ knipsel: 1, type: 'clip/preview', input: { tabId: -1, mode: 'article' } });
    expect(bad && 'error' in bad && bad.error).toMatch(/clip\/preview \(tabId\)/);
    const mode = checkRequest({ knipsel: 1, type: 'clip/preview', input: { tabId: 1, mode: 'everything' } });
    expect(mode && 'error' in mode).toBe(true);
    const capture = checkRequest({ knipsel: 1, type: 'clip/save', input: { dossierId: 'd1', capture: { url: 'javascript:alert(1)' } } });
    expect(capture && 'error' in capture && capture.error).toMatch(/capture/);
    const kind = checkRequest({ knipsel: 1, type: 'clip/update', input: { dossierId: 'd1', clipId: 'c1', kind: 'roddel' } });
    expect(kind && 'error' in kind && kind.error).toMatch(/clip\/update \(kind\)/);
    expect(checkRequest({ knipsel: 1, type: 'clip/update', input: { dossierId: 'd1', clipId: 'c1', kind: 'eigen-praktijk' } })).toMatchObject({
      input: { kind: 'eigen-praktijk' },
    });
    // Own practice written in the side panel: a title, only the card's own fields.
    const own = (input: object) =>
      checkRequest({ knipsel: 1, type: 'evidence/add', input: { dossierId: 'd1', kind: 'eigen-praktijk', title: 'Bewonersavond', card: {}, ...input } });
    expect(own({})).toMatchObject({ input: { title: 'Bewonersavond' } });
    expect(own({ card: { date: '2025-10-02', happened: 'Bewoners kwamen met een plan.' } })).toMatchObject({ input: { card: { date: '2025-10-02' } } });
    for (const bad of [{ title: '   ' }, { kind: 'feedback' }, { card: { date: 'gisteren' } }, { card: { geheim: 'x' } }]) expect(own(bad)).toHaveProperty('error');
    const id = checkRequest({ knipsel: 1, type: 'clip/get', input: { dossierId: '../../etc', clipId: 'x y' } });
    expect(id && 'error' in id).toBe(true);
  });
  it('accepts valid input', () => {
    expect(checkRequest({ knipsel: 1, type: 'clip/preview', input: { tabId: 12, mode: 'selection' } })).toEqual({
      type: 'clip/preview',
      input: { tabId: 12, mode: 'selection' },
    });
    expect(checkRequest({ knipsel: 1, type: 'dossiers/list' })).toEqual({ type: 'dossiers/list', input: {} });
  });
});

describe('router', () => {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, type: string) => async (input: unknown) => {
      calls.push(type);
      if (type === 'clip/get') throw Object.assign(new Error('No clip x'), { code: 'not-found' });
      return { echo: input };
    },
  });
  const router = createRouter(handlers, { extensionOrigin: ext, extensionId: 'abc' });

  it('answers extension pages', async () => {
    expect(await router.handle({ knipsel: 1, type: 'dossiers/list', input: {} }, fromPopup)).toEqual({ ok: true, value: { echo: {} } });
  });
  it('lets web pages use only the page/* requests', async () => {
    const denied = await router.handle({ knipsel: 1, type: 'clips/list', input: { dossierId: 'd1' } }, fromPage);
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const allowed = await router.handle({ knipsel: 1, type: 'page/highlights', input: { url: 'https://example.org/a' } }, fromPage);
    expect(allowed).toMatchObject({ ok: true });
  });
  it('never lets a web page (the app’s own origin included) confirm a pairing, unpair or answer about deletions', async () => {
    const appPage = { id: 'abc', url: 'http://127.0.0.1:8787/', tab: { id: 4, url: 'http://127.0.0.1:8787/' } };
    calls.length = 0;
    for (const [type, input] of [
      ['bridge/pair-answer', { requestId: 'r1', accept: true }],
      ['bridge/unpair', { pairId: 'p1' }],
      ['bridge/deletions', { accept: true }],
      ['bridge/status', {}],
    ] as const) {
      expect(await router.handle({ knipsel: 1, type, input }, appPage)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual([]);
    expect(await router.handle({ knipsel: 1, type: 'bridge/pair-answer', input: { requestId: 'r1', accept: true } }, fromPopup)).toMatchObject({ ok: true });
  });
  it('refuses other extensions and passes errors back with their code', async () => {
    expect(await router.handle({ knipsel: 1, type: 'dossiers/list', input: {} }, { ...fromPopup, id: 'other' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.handle({ knipsel: 1, type: 'clip/get', input: { dossierId: 'd', clipId: 'x' } }, fromPopup)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No clip x' },
    });
  });
  it('never calls a handler for invalid input', async () => {
    calls.length = 0;
    const reply = await router.handle({ knipsel: 1, type: 'clip/update', input: { dossierId: 'd', clipId: 'c', note: 42 } }, fromPopup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls).toEqual([]);
  });
});
