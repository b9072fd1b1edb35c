import { describe, expect, it } from 'vitest';
import { makeRelayLink, parseRelayLink, relayHttpUrl, type RelayLink } from './relay-link.js';

const link: RelayLink = {
  relayUrl: 'wss://relay.hogeschool.nl/knipsel',
  dossierId: 'abcdefghij012345',
  token: 'A'.repeat(43),
  dossierName: 'Leergang Wijkgericht Werken',
  view: 'portfolio',
};

describe('relay links', () => {
  it('round-trips, with the token only in the fragment', () => {
    const url = makeRelayLink('https://knipsel.example/app?x=1#/d/old/list', link);
    expect(url.startsWith('https://knipsel.example/app?x=1#/relay/')).toBe(true);
    expect(new URL(url).search).toBe('?x=1');
    expect(parseRelayLink(url)).toEqual(link);
    expect(parseRelayLink(new URL(url).hash)).toEqual(link);
  });

  it('refuses damaged, foreign and wrongly shaped links with a reason', () => {
    const url = makeRelayLink('https://knipsel.example/', link);
    const reason = (text: string) => {
      try {
        parseRelayLink(text);
        return 'accepted';
      } catch (error) {
        return (error as { details: { reason: string } }).details.reason;
      }
    };
    expect(reason('https://knipsel.example/#/join/abc')).toBe('not-a-relay-link');
    expect(reason(url.slice(0, -12))).toBe('damaged');
    expect(reason(`${url}%%`)).toBe('damaged');
    const forged = (patch: Record<string, unknown>) => {
      const payload = JSON.parse(Buffer.from(url.split('#/relay/')[1], 'base64url').toString('utf8'));
      return `#/relay/${Buffer.from(JSON.stringify({ ...payload, ...patch })).toString('base64url')}`;
    };
    expect(reason(forged({ r: 'https://relay.example' }))).toBe('invalid-field');
    expect(reason(forged({ r: 'javascript:alert(1)' }))).toBe('invalid-field');
    expect(reason(forged({ t: 'short' }))).toBe('invalid-field');
    expect(reason(forged({ p: 'themes' }))).toBe('invalid-field');
    expect(reason(forged({ extra: 1 }))).toBe('invalid-field');
    expect(reason(forged({}))).toBe('accepted');
  });

  it("derives the owners' API address", () => {
    expect(relayHttpUrl('wss://relay.hogeschool.nl/knipsel')).toBe('https://relay.hogeschool.nl/knipsel');
    expect(relayHttpUrl('ws://127.0.0.1:1235')).toBe('http://127.0.0.1:1235');
  });
});
