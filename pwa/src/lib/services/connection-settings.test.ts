import { describe, expect, test } from 'vitest';
import { checkIceUrls, checkSignalingUrl, iceServersOf, normaliseSettings, ownSignalingUrl, resolveSignalingUrl } from './connection-settings.js';
import { presenceViewOf } from './presence-view.js';
import { qrDrawing } from './qr.js';
import { parseRoute } from './routes.js';

describe('connection settings', () => {
  test('the own signalling URL follows the page scheme', () => {
    expect(ownSignalingUrl({ protocol: 'https:', host: 'knipsel.nl' })).toBe('wss://knipsel.nl/signal');
    expect(ownSignalingUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/signal');
    expect(resolveSignalingUrl({ signalingUrl: '', iceUrls: [] }, { protocol: 'http:', host: 'h' })).toBe('ws://h/signal');
    expect(resolveSignalingUrl({ signalingUrl: 'wss://s.nl/x', iceUrls: [] }, { protocol: 'http:', host: 'h' })).toBe('wss://s.nl/x');
  });

  test('signalling URLs: empty means own; ws/wss kept; http(s) becomes ws(s); others refused', () => {
    expect(checkSignalingUrl('  ')).toEqual({ url: '' });
    expect(checkSignalingUrl('wss://signal.voorbeeld.nl/signal')).toEqual({ url: 'wss://signal.voorbeeld.nl/signal' });
    expect(checkSignalingUrl('https://signal.voorbeeld.nl/signal')).toEqual({ url: 'wss://signal.voorbeeld.nl/signal' });
    expect(checkSignalingUrl('ftp://x.nl')).toEqual({ problem: 'signaling-not-websocket' });
    expect(checkSignalingUrl('javascript:alert(1)')).toEqual({ problem: 'signaling-not-websocket' });
    expect(checkSignalingUrl('geen adres')).toEqual({ problem: 'signaling-invalid' });
    expect(checkSignalingUrl('wss://user:pw@x.nl/')).toEqual({ problem: 'signaling-invalid' });
  });

  test('ICE URLs: stun/stuns only, at most five, duplicates dropped; empty is allowed', () => {
    expect(checkIceUrls('')).toEqual({ urls: [] });
    expect(checkIceUrls('stun:a.nl:3478\nstuns:b.nl, stun:a.nl:3478')).toEqual({ urls: ['stun:a.nl:3478', 'stuns:b.nl'] });
    expect(checkIceUrls('turn:relay.nl')).toEqual({ problem: 'ice-invalid' });
    expect(checkIceUrls('stun:a.nl/x')).toEqual({ problem: 'ice-invalid' });
    expect(checkIceUrls('stun:a stun:b stun:c stun:d stun:e stun:f')).toEqual({ problem: 'ice-too-many' });
    expect(iceServersOf({ signalingUrl: '', iceUrls: ['stun:a.nl'] })).toEqual([{ urls: 'stun:a.nl' }]);
  });

  test('stored settings are repaired part by part', () => {
    expect(normaliseSettings(undefined).iceUrls).toEqual(['stun:stun.l.google.com:19302']);
    expect(normaliseSettings({ signalingUrl: 'wss://ok.nl/', iceUrls: ['nope'] })).toEqual({ signalingUrl: 'wss://ok.nl/', iceUrls: ['stun:stun.l.google.com:19302'] });
    expect(normaliseSettings({ signalingUrl: 42, iceUrls: [] })).toEqual({ signalingUrl: '', iceUrls: [] });
  });
});

describe('presence view and routes', () => {
  test('only the screen (and the clip being read) of the shared dossier is told', () => {
    expect(presenceViewOf(parseRoute('#/d/abc/board'), 'abc')).toEqual({ screen: 'board' });
    expect(presenceViewOf(parseRoute('#/d/abc/search?q=geheim'), 'abc')).toEqual({ screen: 'search' });
    expect(presenceViewOf(parseRoute('#/d/abc/clip/c1'), 'abc')).toEqual({ screen: 'clip', clipId: 'c1' });
    expect(presenceViewOf(parseRoute('#/d/other/board'), 'abc')).toEqual({ screen: 'elsewhere' });
    expect(presenceViewOf(parseRoute('#/settings'), 'abc')).toEqual({ screen: 'elsewhere' });
  });

  test('invite, settings and share routes', () => {
    expect(parseRoute('#/join/eyJ2IjoxfQ')).toEqual({ name: 'join', hash: '#/join/eyJ2IjoxfQ' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/d/abc/share')).toMatchObject({ name: 'dossier', dossierId: 'abc', view: 'share' });
  });
});

describe('QR code', () => {
  test('draws a square code with a quiet zone; longer text needs a larger version', () => {
    const short = qrDrawing('https://knipsel.nl/#/join/abc');
    const long = qrDrawing(`https://knipsel.nl/#/join/${'x'.repeat(300)}`);
    expect(short.size).toBeGreaterThanOrEqual(21 + 8);
    expect(long.size).toBeGreaterThan(short.size);
    expect(short.path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    // The top-left finder pattern starts at the quiet zone edge (4,4) and is 7 modules wide.
    expect(short.path.startsWith('M4 4h7v1h-7z')).toBe(true);
  });
});
