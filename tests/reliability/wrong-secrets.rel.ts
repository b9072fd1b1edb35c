// Wrong secrets and floods, against the real signalling server on 127.0.0.1 and the real
// invite derivation and y-webrtc encryption. Seeded rounds of a shared room (two peers with
// the invite secret) and an outsider with a wrong secret or an old (rotated) one: the
// outsider's secret leads to another room, where it hears nothing; even when it has learned
// the room's topic it can decrypt none of the peers' frames (they carry no plain text), and
// none of the frames it sends decrypts for the peers, so y-webrtc never acts on them (no
// WebRTC connection, so no document traffic). Then floods from several clients — bursts past
// the rate limit, malformed and oversized frames, too many topics — while two peers in
// another room keep talking: the flooders are throttled or cut off, the other room gets
// every message, and the server still accepts new connections.
// (Browser peers with a wrong secret: tests/e2e/peers.e2e.ts and share.e2e.ts.)
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as cryptoutils from './support/y-webrtc-crypto.js';
import { bytesToBase64url, deriveRoom } from '@knipsel/core/peer';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { connectClient, type TestClient } from '../../server/test-clients.js';
import { pick, report, seed } from './support/mode.js';
import { createRng, type Rng } from './support/prng.js';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function secretFrom(rng: Rng): string {
  return bytesToBase64url(rng.bytes(32));
}

/** The secret with one character changed (still a well-formed secret). */
function nearMiss(rng: Rng, secret: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const at = rng.int(secret.length - 1); // not the last char: its low bits may be padding
  let c = secret[at];
  while (c === secret[at]) c = alphabet[rng.int(alphabet.length)];
  return secret.slice(0, at) + c + secret.slice(at + 1);
}

/** A y-webrtc signalling frame: the announce/signal payload encrypted with the room key. */
async function sealed(topic: string, payload: unknown, key: CryptoKey): Promise<string> {
  return JSON.stringify({ type: 'publish', topic, data: toBase64(await cryptoutils.encryptJson(payload, key)) });
}

async function opens(data: string, key: CryptoKey): Promise<boolean> {
  try {
    await cryptoutils.decryptJson(fromBase64(data), key);
    return true;
  } catch {
    return false;
  }
}

const published = (topic: string) => (m: { type?: string; topic?: string }) => m.type === 'publish' && m.topic === topic;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('wrong secrets', () => {
  it('an outsider with a wrong or old invite secret hears nothing and gets nothing accepted', { timeout: pick(120_000, 900_000) }, async () => {
    const rng = createRng(seed + 21);
    const rounds = pick(6, 40);
    const server: KnipselServer = await createKnipselServer({ dir: '/nonexistent-knipsel-app', port: 0, host: '127.0.0.1' });
    const figures = { rounds, framesHeard: 0, framesOpenedByOutsider: 0, outsiderFramesSent: 0, outsiderFramesAccepted: 0, sameRoom: 0 };
    try {
      for (let round = 0; round < rounds; round++) {
        const secret = secretFrom(rng);
        const outsiderSecret = rng.chance(0.5) ? nearMiss(rng, secret) : secretFrom(rng); // a typo, or the secret before rotation
        const room = await deriveRoom(secret);
        const outsiderRoom = await deriveRoom(outsiderSecret);
        if (outsiderRoom.roomName === room.roomName || outsiderRoom.password === room.password) figures.sameRoom++;
        const key = await cryptoutils.deriveKey(room.password, room.roomName);
        const outsiderKey = await cryptoutils.deriveKey(outsiderRoom.password, outsiderRoom.roomName);
        const guessedKey = await cryptoutils.deriveKey(outsiderRoom.password, room.roomName); // knows the topic, not the password

        const [alice, bob, own, eavesdropper] = await Promise.all([1, 2, 3, 4].map(() => connectClient(server.signallingUrl)));
        alice.send({ type: 'subscribe', topics: [room.roomName] });
        bob.send({ type: 'subscribe', topics: [room.roomName] });
        own.send({ type: 'subscribe', topics: [outsiderRoom.roomName] }); // where its secret leads
        eavesdropper.send({ type: 'subscribe', topics: [room.roomName] }); // worst case: it learned the topic
        await Promise.all([alice, bob, own, eavesdropper].map((c) => c.roundTrip()));

        // The peers announce themselves and exchange an offer carrying the dossier's name.
        const secretText = `Leerdossier van ronde ${round}`;
        alice.ws.send(await sealed(room.roomName, { type: 'announce', from: `alice-${round}` }, key));
        alice.ws.send(await sealed(room.roomName, { type: 'signal', from: `alice-${round}`, to: `bob-${round}`, signal: { type: 'offer', sdp: secretText } }, key));
        // The outsider speaks in its own room and, with its key, into the peers' room.
        const outsiderFrames = [
          await sealed(outsiderRoom.roomName, { type: 'announce', from: 'outsider' }, outsiderKey),
          await sealed(room.roomName, { type: 'announce', from: 'outsider' }, outsiderKey),
          await sealed(room.roomName, { type: 'signal', from: 'outsider', to: `bob-${round}`, signal: { type: 'offer', sdp: 'x' } }, guessedKey),
          JSON.stringify({ type: 'publish', topic: room.roomName, data: toBase64(rng.bytes(12 + rng.int(200))) }),
          JSON.stringify({ type: 'publish', topic: room.roomName, data: { type: 'announce', from: 'outsider' } }), // unencrypted
        ];
        for (const frame of outsiderFrames) (rng.chance(0.5) ? own : eavesdropper).ws.send(frame);
        figures.outsiderFramesSent += outsiderFrames.length;
        await Promise.all([alice, bob, own, eavesdropper].map((c) => c.roundTrip()));
        await bob.waitFor((m) => published(room.roomName)(m) && typeof m.data === 'string' && m.data.length > 0, 3000);

        // Bob (right key) opens Alice's frames and none of the outsider's.
        const bobHeard = bob.received.filter(published(room.roomName));
        let fromAlice = 0;
        for (const m of bobHeard) {
          const ok = typeof m.data === 'string' && (await opens(m.data, key));
          const plain = typeof m.data === 'string' && ok ? await cryptoutils.decryptJson(fromBase64(m.data), key) : null;
          if (ok && String(plain?.from).startsWith('alice-')) fromAlice++;
          else if (ok) figures.outsiderFramesAccepted++;
        }
        expect(fromAlice).toBe(2); // the control: the right secret works
        // The outsider in its own room hears none of the peers.
        expect(own.received.filter(published(room.roomName))).toEqual([]);
        expect(JSON.stringify(own.received)).not.toContain('alice-');
        // The eavesdropper hears frames but opens none, with either key, and sees no plain text.
        for (const m of eavesdropper.received.filter(published(room.roomName))) {
          figures.framesHeard++;
          const text = JSON.stringify(m);
          expect(text).not.toContain(secretText);
          expect(text).not.toContain('alice-');
          if (typeof m.data !== 'string') continue;
          for (const outsiderSide of [outsiderKey, guessedKey]) {
            if (!(await opens(m.data, outsiderSide))) continue;
            const plain = await cryptoutils.decryptJson(fromBase64(m.data), outsiderSide);
            if (String(plain?.from).startsWith('alice-')) figures.framesOpenedByOutsider++;
          }
        }
        for (const c of [alice, bob, own, eavesdropper]) c.ws.close();
      }
    } finally {
      await server.close();
    }
    report('wrong-secrets/outsiders', figures);
    expect(figures.sameRoom).toBe(0);
    expect(figures.framesOpenedByOutsider).toBe(0);
    expect(figures.outsiderFramesAccepted).toBe(0);
    expect(figures.framesHeard).toBeGreaterThan(0); // it really was listening in the right room
  });

  it('floods and malformed frames from clients are cut off without affecting another room', { timeout: pick(120_000, 900_000) }, async () => {
    const rng = createRng(seed + 22);
    const flooders = pick(3, 12);
    const burst = pick(600, 2000);
    const limits = { messagesPerSecond: 50, messageBurst: 100, maxDroppedPerWindow: 100 };
    const server = await createKnipselServer({ dir: '/nonexistent-knipsel-app', port: 0, host: '127.0.0.1', limits });
    const figures = { flooders, framesSent: 0, cutOff: 0, sentDuringFloods: 0, otherRoomMessages: 0, otherRoomLost: 0 };
    try {
      const carol = await connectClient(server.signallingUrl);
      const dave = await connectClient(server.signallingUrl);
      carol.send({ type: 'subscribe', topics: ['knipsel-andere-kamer'] });
      dave.send({ type: 'subscribe', topics: ['knipsel-andere-kamer'] });
      await Promise.all([carol.roundTrip(), dave.roundTrip()]);
      let sent = 0;
      const talk = () => {
        carol.send({ type: 'publish', topic: 'knipsel-andere-kamer', data: `bericht-${sent}` });
        sent++;
      };
      // Carol keeps talking through the floods, at 10 messages a second (within her limit).
      const talking = setInterval(talk, 100);
      talk(); // the floods can be over within 100 ms: Carol also speaks before and between them

      const attackers: TestClient[] = [];
      for (let f = 0; f < flooders; f++) {
        if (f > 0) talk();
        const attacker = await connectClient(server.signallingUrl);
        attackers.push(attacker);
        attacker.send({ type: 'subscribe', topics: ['knipsel-andere-kamer'] }); // even in the same room
        for (let i = 0; i < burst && attacker.ws.readyState === WebSocket.OPEN; i++) {
          switch (rng.int(6)) {
            case 0:
              attacker.ws.send(rng.bytes(rng.int(64))); // binary garbage
              break;
            case 1:
              attacker.ws.send('{"type":"publish","topic":'); // broken JSON
              break;
            case 2:
              attacker.send({ type: 'subscribe', topics: Array.from({ length: 40 }, (_, k) => `t-${f}-${i}-${k}`) }); // too many topics
              break;
            case 3:
              attacker.send({ type: 'subscribe', topics: ['x'.repeat(300)] }); // too long a topic
              break;
            default:
              attacker.send({ type: 'publish', topic: 'knipsel-andere-kamer', data: `ruis-${i}` });
          }
          figures.framesSent++;
          if (i % 50 === 0) await settle(5); // let Carol's timer run between bursts
        }
        if (attacker.ws.readyState === WebSocket.OPEN && rng.chance(0.5)) {
          attacker.ws.send('x'.repeat(70 * 1024)); // over the frame limit
          figures.framesSent++;
        }
      }
      const codes = await Promise.all(attackers.map((a) => Promise.race([a.closed, settle(15_000).then(() => -1)])));
      figures.cutOff = codes.filter((c) => c === 1008 || c === 1009).length;
      figures.sentDuringFloods = sent;
      while (sent < pick(15, 40)) await settle(50); // and keeps talking after them

      // The other room: every message Carol sent during and after the floods reaches Dave.
      clearInterval(talking);
      await settle(1200);
      talk();
      await dave.waitFor((m) => m.type === 'publish' && m.data === `bericht-${sent - 1}`, 5000);
      const got = new Set(dave.received.filter((m) => m.type === 'publish' && String(m.data).startsWith('bericht-')).map((m) => m.data));
      figures.otherRoomMessages = got.size;
      figures.otherRoomLost = sent - got.size;
      // The server still takes new clients.
      const late = await connectClient(server.signallingUrl);
      await late.roundTrip();
      late.ws.close();
      carol.ws.close();
      dave.ws.close();
    } finally {
      await server.close();
    }
    report('wrong-secrets/floods', figures);
    expect(figures.cutOff).toBe(flooders);
    expect(figures.sentDuringFloods).toBeGreaterThan(0);
    expect(figures.otherRoomLost).toBe(0);
  });
});
