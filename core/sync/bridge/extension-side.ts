// The extension's steps of a bridge session: answer a hello (welcome with a proof, or
// unpaired), check the app's proof once, and hold a pairing request for the user's click —
// a frame never completes a pairing.
import { createId } from '../../ids.js';
import type { BridgeContext } from './context.js';
import { createPairingKeys, derivePairing, encodePairKey, type DerivedPairing, type StoredPair } from './pairing.js';
import type { BridgeFrame } from './protocol.js';
import type { BridgeSessionOptions } from './status.js';

interface ExtensionPairing {
  appNonce: string;
  extensionNonce: string;
  derived: DerivedPairing;
  timer: ReturnType<typeof setTimeout>;
}

export function createExtensionSide(ctx: BridgeContext, options: BridgeSessionOptions) {
  const { state, send, setStatus, log, version, role, origin } = ctx;
  const pairingMs = options.pairingMs ?? 5 * 60_000;
  const gapMs = options.pairRequestGapMs ?? 2000;
  let pairing: ExtensionPairing | null = null;
  let lastPairRequest = -Infinity;

  /** The waiting pairing request ends (answered, expired, replaced, or the tab went away). */
  function dropPairing() {
    if (!pairing) return;
    clearTimeout(pairing.timer);
    pairing = null;
    options.onPairRequest?.(null);
  }

  async function answerHello(frame: Extract<BridgeFrame, { t: 'hello' }>) {
    ctx.endSession();
    dropPairing();
    const pair = frame.pair ? await ctx.pairs.get(frame.pair) : null;
    const key = ctx.keyOf(pair);
    if (!pair || !key) {
      send({ t: 'unpaired', v: version, nonce: frame.nonce, role });
      setStatus({ state: 'unpaired', peerVersion: null });
      return;
    }
    state.myNonce = ctx.newNonce();
    state.pending = { session: `${frame.nonce}.${state.myNonce}`, pair, appNonce: frame.nonce, extensionNonce: state.myNonce };
    const proof = await ctx.prove(key, 'welcome', frame.nonce, state.myNonce, pair.id);
    send({ t: 'welcome', v: version, nonce: frame.nonce, peerNonce: state.myNonce, role, pair: pair.id, proof });
    setStatus({ state: 'connecting', peerVersion: null });
  }

  async function checkAuth(frame: Extract<BridgeFrame, { t: 'auth' }>) {
    if (!state.pending || frame.session !== state.pending.session) return log('bridge: auth for another handshake dropped');
    const proving = state.pending;
    // One attempt per welcome: a replayed or guessed proof gets no second try.
    state.pending = null;
    const key = ctx.keyOf(proving.pair);
    if (!key || !(await ctx.checkProof(key, 'auth', proving.appNonce, proving.extensionNonce, proving.pair.id, frame.proof))) {
      log('bridge: the app’s proof of the pairing is wrong; no session');
      send({ t: 'unpaired', v: version, nonce: proving.appNonce, role });
      setStatus({ state: 'unpaired' });
      return;
    }
    state.session = proving.session;
    state.current = proving.pair;
    send({ t: 'ready', session: proving.session });
    ctx.establish(proving.session, proving.pair);
  }

  async function offerPairing(frame: Extract<BridgeFrame, { t: 'pair-request' }>) {
    const now = Date.now();
    if (now - lastPairRequest < gapMs) {
      send({ t: 'pair-refused', nonce: frame.nonce, reason: 'busy' });
      return log('bridge: pairing request too soon after the last one, refused');
    }
    lastPairRequest = now;
    ctx.endSession();
    dropPairing();
    const keys = await createPairingKeys();
    const extensionNonce = ctx.newNonce();
    const derived = await derivePairing(keys, frame.key, { appNonce: frame.nonce, extensionNonce, appKey: frame.key, extensionKey: keys.publicKey });
    if (options.onPairRequest?.({ code: derived.code }) === false) {
      send({ t: 'pair-refused', nonce: frame.nonce, reason: 'busy' });
      return log('bridge: too many pairing requests waiting, refused');
    }
    const timer = setTimeout(() => {
      void ctx.serial(async () => {
        await answerPairing(false, 'expired');
      });
    }, pairingMs);
    pairing = { appNonce: frame.nonce, extensionNonce, derived, timer };
    send({ t: 'pair-offer', nonce: frame.nonce, peerNonce: extensionNonce, role, key: keys.publicKey });
    setStatus({ state: 'pairing', pairCode: derived.code, pairRefused: null });
  }

  async function answerPairing(accept: boolean, reason: 'declined' | 'expired' = 'declined'): Promise<StoredPair | null> {
    const waiting = pairing;
    if (!waiting) return null;
    dropPairing();
    if (!accept) {
      send({ t: 'pair-refused', nonce: waiting.appNonce, reason });
      setStatus({ state: 'unpaired', pairCode: null, pairRefused: reason });
      return null;
    }
    // The user said yes: the gap that keeps a page from stacking requests does not hold up the next one.
    lastPairRequest = -Infinity;
    const pair: StoredPair = { id: createId(24), key: encodePairKey(waiting.derived.key), origin, pairedAt: Date.now() };
    await ctx.pairs.save(pair);
    const proof = await ctx.prove(waiting.derived.key, 'paired', waiting.appNonce, waiting.extensionNonce, pair.id);
    send({ t: 'pair-done', nonce: waiting.appNonce, pair: pair.id, proof });
    log(`bridge: paired with ${origin}`);
    setStatus({ state: 'idle', pairCode: null, pairRefused: null });
    return pair;
  }

  return { answerHello, checkAuth, offerPairing, answerPairing, dropPairing };
}
