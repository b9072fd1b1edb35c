// The web app's steps of a bridge session: say hello naming its pairing, check the
// extension's proof and prove the key back, and the pairing request whose code the user
// compares before clicking in the extension.
import type { BridgeContext } from './context.js';
import { createPairingKeys, derivePairing, encodePairKey, pairingUnavailable, type DerivedPairing, type PairingKeys } from './pairing.js';
import type { BridgeFrame } from './protocol.js';

interface AppPairing {
  nonce: string;
  keys: PairingKeys;
  extensionNonce: string | null;
  derived: DerivedPairing | null;
}

export function createAppSide(ctx: BridgeContext) {
  const { state, send, setStatus, log, version, role, origin, pairs } = ctx;
  let pairing: AppPairing | null = null;

  async function sayHello() {
    ctx.endSession();
    pairing = null;
    state.myNonce = ctx.newNonce();
    state.helloPair = await pairs.get(null);
    if (state.helloPair && !ctx.keyOf(state.helloPair)) {
      log('bridge: the stored pairing is unusable here and was forgotten');
      await pairs.remove(state.helloPair.id);
      state.helloPair = null;
    }
    send({ t: 'hello', v: version, nonce: state.myNonce, role, pair: state.helloPair?.id ?? null });
    setStatus({ state: 'connecting', pairCode: null });
  }

  async function answerWelcome(frame: Extract<BridgeFrame, { t: 'welcome' }>) {
    const { myNonce, helloPair } = state;
    if (frame.nonce !== myNonce || !helloPair || frame.pair !== helloPair.id) return log('bridge: welcome for another handshake dropped');
    const key = ctx.keyOf(helloPair);
    if (!key || !(await ctx.checkProof(key, 'welcome', myNonce, frame.peerNonce, helloPair.id, frame.proof))) {
      // Only the extension's content script posts into this window: its key differs from ours.
      log('bridge: welcome with a wrong proof of the pairing dropped');
      return ctx.forgetPairing('the extension holds another key for this pairing');
    }
    state.pending = { session: `${myNonce}.${frame.peerNonce}`, pair: helloPair, appNonce: myNonce, extensionNonce: frame.peerNonce };
    send({ t: 'auth', session: state.pending.session, proof: await ctx.prove(key, 'auth', myNonce, frame.peerNonce, helloPair.id) });
  }

  async function ready(frame: Extract<BridgeFrame, { t: 'ready' }>) {
    const proved = state.pending;
    if (!proved || frame.session !== proved.session) return log('bridge: ready for another handshake dropped');
    state.pending = null;
    ctx.establish(proved.session, proved.pair);
  }

  async function requestPairing() {
    const unavailable = pairingUnavailable();
    if (unavailable) {
      log(`bridge: cannot pair: ${unavailable}`);
      setStatus({ state: 'unpaired', pairRefused: 'unavailable' });
      return;
    }
    ctx.endSession();
    state.myNonce = ''; // answers to an earlier hello no longer count
    const keys = await createPairingKeys();
    pairing = { nonce: ctx.newNonce(), keys, extensionNonce: null, derived: null };
    send({ t: 'pair-request', v: version, nonce: pairing.nonce, role, key: keys.publicKey });
    setStatus({ state: 'pairing', pairCode: null, pairRefused: null });
  }

  async function receiveOffer(frame: Extract<BridgeFrame, { t: 'pair-offer' }>) {
    const requested = pairing;
    if (!requested || frame.nonce !== requested.nonce || requested.derived) return log('bridge: pairing offer for another request dropped');
    requested.extensionNonce = frame.peerNonce;
    requested.derived = await derivePairing(requested.keys, frame.key, {
      appNonce: requested.nonce,
      extensionNonce: frame.peerNonce,
      appKey: requested.keys.publicKey,
      extensionKey: frame.key,
    });
    setStatus({ state: 'pairing', pairCode: requested.derived.code });
  }

  async function completePairing(frame: Extract<BridgeFrame, { t: 'pair-done' }>) {
    const requested = pairing;
    if (!requested?.derived || !requested.extensionNonce || frame.nonce !== requested.nonce) return log('bridge: pairing confirmation for another request dropped');
    if (!(await ctx.checkProof(requested.derived.key, 'paired', requested.nonce, requested.extensionNonce, frame.pair, frame.proof))) {
      return log('bridge: pairing confirmation with a wrong proof dropped');
    }
    pairing = null;
    await pairs.save({ id: frame.pair, key: encodePairKey(requested.derived.key), origin, pairedAt: Date.now() });
    log('bridge: paired with the extension');
    await sayHello();
  }

  async function refused(frame: Extract<BridgeFrame, { t: 'pair-refused' }>) {
    if (!pairing || frame.nonce !== pairing.nonce) return log('bridge: pairing refusal for another request dropped');
    pairing = null;
    setStatus({ state: 'unpaired', pairCode: null, pairRefused: frame.reason });
  }

  /** The extension's answers that need no version check: ready, and the steps of a pairing. */
  function answer(frame: Extract<BridgeFrame, { t: 'ready' | 'pair-offer' | 'pair-done' | 'pair-refused' }>) {
    if (frame.t === 'ready') return ready(frame);
    if (frame.t === 'pair-offer') return receiveOffer(frame);
    if (frame.t === 'pair-done') return completePairing(frame);
    return refused(frame);
  }

  return { sayHello, answerWelcome, answer, requestPairing, dropPairing: () => void (pairing = null) };
}
