import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnipselError } from '../../errors.js';
import { bytesToBase64url, createInviteSecret, deriveRoom, makeInviteLink, parseInviteLink } from './invite.js';

const details = { dossierId: 'wijkteam-noord', dossierName: 'Wijkteam Noord — praktijkvoorbeelden', sharedBy: 'Fatima' };

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isKnipselError(error, 'invalid-input')).toBe(true);
    return String((error as { details: { reason: string } }).details.reason);
  }
  throw new Error('expected a rejection');
}

describe('invite secret and room derivation', () => {
  it('makes 32-byte base64url secrets, different each time', () => {
    const a = createInviteSecret();
    const b = createInviteSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('derives the same room for the same secret, and different rooms for different secrets', async () => {
    const secret = createInviteSecret();
    const first = await deriveRoom(secret);
    expect(await deriveRoom(secret)).toEqual(first);
    expect(first.roomName).toMatch(/^knipsel-[0-9a-f]{32}$/);
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await deriveRoom(createInviteSecret());
    expect(other.roomName).not.toBe(first.roomName);
    expect(other.password).not.toBe(first.password);
  });

  it('keeps the room name and password independent and free of the secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 64 }), async (bytes) => {
        const secret = bytesToBase64url(bytes);
        const { roomName, password } = await deriveRoom(secret);
        expect(roomName.includes(secret.slice(0, 8))).toBe(false);
        expect(password).not.toBe(secret);
        expect(roomName.slice(8)).not.toBe(password.slice(0, 32));
      }),
      { seed: 7, numRuns: 50 },
    );
  });

  it('is pinned: a known secret gives a known room (changing it strands every shared dossier)', async () => {
    const secret = bytesToBase64url(new Uint8Array(32).fill(7));
    expect(await deriveRoom(secret)).toEqual({
      roomName: 'knipsel-d4fc73432f06040f9e5ed55e1d4abab4',
      password: 'h8ML5p_hduGG6zSffMfqZ_qfkJx_oCKze0SVUA-a3Oc',
    });
  });

  it('rejects short or malformed secrets', async () => {
    await expect(deriveRoom('kort')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(deriveRoom(`${createInviteSecret()}+/`)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('invite links', () => {
  it('round-trips, with everything secret in the fragment only', () => {
    const secret = createInviteSecret();
    const link = makeInviteLink('https://knipsel.example/app/?lang=nl#/library', { secret, ...details });
    const url = new URL(link);
    expect(url.origin + url.pathname + url.search).toBe('https://knipsel.example/app/?lang=nl');
    expect(url.hash.startsWith('#/join/')).toBe(true);
    expect(link.indexOf(secret)).toBe(-1); // encoded, not readable at a glance either
    expect(parseInviteLink(link)).toEqual({ secret, ...details });
    expect(parseInviteLink(url.hash)).toEqual({ secret, ...details });
  });

  it('round-trips any valid name and sharer', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0 && s.trim() === s),
        fc.string({ maxLength: 60 }).filter((s) => s.trim() === s),
        (dossierName, sharedBy) => {
          const secret = createInviteSecret();
          const link = makeInviteLink('http://127.0.0.1:8787/', { secret, dossierId: 'd1', dossierName, sharedBy });
          expect(parseInviteLink(link)).toEqual({ secret, dossierId: 'd1', dossierName, sharedBy });
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('rejects damaged links with a reason', () => {
    const link = makeInviteLink('https://knipsel.example/', { secret: createInviteSecret(), ...details });
    expect(reasonOf(() => parseInviteLink('https://knipsel.example/'))).toBe('not-an-invite');
    expect(reasonOf(() => parseInviteLink('https://knipsel.example/#/join/'))).toBe('damaged');
    expect(reasonOf(() => parseInviteLink(link.slice(0, -20)))).toMatch(/damaged|invalid-field/);
    expect(reasonOf(() => parseInviteLink(`${link}%20`))).toBe('damaged');
    expect(reasonOf(() => parseInviteLink(`${link.slice(0, -1)}!`))).toBe('damaged');
    expect(reasonOf(() => parseInviteLink(`https://x/#/join/${'A'.repeat(5000)}`))).toBe('damaged');
    const encode = (value: unknown) => `#/join/${bytesToBase64url(new TextEncoder().encode(JSON.stringify(value)))}`;
    const good = { v: 1, s: createInviteSecret(), d: 'd1', n: 'Naam', by: 'Ik' };
    expect(reasonOf(() => parseInviteLink(encode({ ...good, v: 2 })))).toBe('unsupported-version');
    expect(reasonOf(() => parseInviteLink(encode({ ...good, s: 'kort' })))).toBe('invalid-field');
    expect(reasonOf(() => parseInviteLink(encode({ ...good, d: '<script>' })))).toBe('invalid-field');
    expect(reasonOf(() => parseInviteLink(encode({ ...good, n: '' })))).toBe('invalid-field');
    expect(reasonOf(() => parseInviteLink(encode({ ...good, extra: 1 })))).toBe('invalid-field');
    expect(reasonOf(() => parseInviteLink(encode([1, 2])))).toBe('invalid-field');
  });

  it('never throws anything but invalid-input on random or mutated input', () => {
    const link = makeInviteLink('https://knipsel.example/', { secret: createInviteSecret(), ...details });
    const at = link.indexOf('#/join/') + 7;
    fc.assert(
      fc.property(fc.nat(link.length - at - 1), fc.string({ maxLength: 4 }), fc.boolean(), (pos, insert, cut) => {
        const index = at + pos;
        const mutated = cut ? link.slice(0, index) : link.slice(0, index) + insert + link.slice(index + 1);
        try {
          const parsed = parseInviteLink(mutated);
          expect(parsed.secret).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
        } catch (error) {
          expect(isKnipselError(error, 'invalid-input')).toBe(true);
        }
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('refuses to make a link from bad details', () => {
    expect(() => makeInviteLink('niet een url', { secret: createInviteSecret(), ...details })).toThrow(/not a URL/);
    expect(() => makeInviteLink('https://k.example/', { secret: 'x', ...details })).toThrow(/secret/);
    expect(() => makeInviteLink('https://k.example/', { secret: createInviteSecret(), ...details, sharedBy: 'x'.repeat(61) })).toThrow(/shared by/);
  });
});
