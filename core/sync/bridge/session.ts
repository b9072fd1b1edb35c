// One side of the extension ↔ web app bridge: pairing, the handshake that proves the pair
// key, and dispatch to the dossier sync (dossiers.ts). Transport-agnostic: the caller
// passes every incoming message to `receive` (unchecked) and delivers what `send` produces.
//
// Rules: the app says hello naming its pairing; the extension answers 'unpaired' (it does
// not know that pairing for this origin) or 'welcome' with its proof of the key over both
// nonces; the app checks it and sends its own proof ('auth'); the extension checks that once
// (a wrong proof ends the handshake) and says 'ready'. Only then does anything about dossiers
// flow, and every later frame carries the session (both nonces): a side without the key
// gets no list, no sync and cannot delete. Pairing: the app sends an ECDH key, the
// extension answers with its own, both show the code derived from the exchange, and only
// the user's click in the extension (`confirmPairing`, never a frame) completes it.
import { createAppSide } from './app-side.js';
import { createBridgeContext } from './context.js';
import { createExtensionSide } from './extension-side.js';
import type { StoredPair } from './pairing.js';
import { checkEnvelope, type BridgeFrame } from './protocol.js';
import type { BridgeSessionOptions } from './status.js';

export { bridgeChunkBytes, maxBridgeMessageBytes, bridgeAlias, type HeldDeletion } from './dossiers.js';
export type { BridgeSessionOptions, BridgeState, BridgeStatus, PairRefusal, PairStore } from './status.js';

export function createBridgeSession(options: BridgeSessionOptions) {
  const ctx = createBridgeContext(options);
  const { role, version, state, send, setStatus, serial, log, dossiers } = ctx;
  const app = createAppSide(ctx);
  const extension = createExtensionSide(ctx, options);

  function handle(frame: BridgeFrame) {
    switch (frame.t) {
      case 'hello':
      case 'pair-request':
        if (role !== 'extension') return;
        if (frame.v !== version) {
          send({ t: 'mismatch', v: version, peerVersion: frame.v, role });
          setStatus({ state: 'mismatch', peerVersion: frame.v });
          log(`bridge: protocol version mismatch (app ${frame.v}, extension ${version})`);
          return;
        }
        if (frame.t === 'hello') void serial(() => extension.answerHello(frame));
        else void serial(() => extension.offerPairing(frame));
        return;
      case 'auth':
        if (role === 'extension') void serial(() => extension.checkAuth(frame));
        return;
      case 'welcome':
      case 'unpaired':
        if (role !== 'app') return;
        if (frame.nonce !== state.myNonce) return log(`bridge: ${frame.t} for another handshake dropped`);
        if (frame.v !== version) return setStatus({ state: 'mismatch', peerVersion: frame.v });
        if (frame.t === 'welcome') void serial(() => app.answerWelcome(frame));
        else void serial(() => ctx.forgetPairing('the extension does not know this pairing'));
        return;
      case 'ready':
      case 'pair-offer':
      case 'pair-done':
      case 'pair-refused':
        if (role === 'app') void serial(() => app.answer(frame));
        return;
      case 'mismatch':
        // Someone else's answer (e.g. to another tab's hello): it says nothing about us.
        if (frame.v === version) return log('bridge: mismatch frame from a peer of our own version dropped');
        setStatus({ state: 'mismatch', peerVersion: frame.v });
        log(`bridge: the other side speaks protocol ${frame.v}, this side ${version}`);
        return;
      case 'unpair':
        void serial(async () => {
          if (!state.session || frame.session !== state.session) return log('bridge: unpair for another session dropped');
          await ctx.forgetPairing('the other side unpaired');
        });
        return;
      case 'dossiers':
      case 'sync':
        if (!state.session || frame.session !== state.session) return log(`bridge: ${frame.t === 'sync' ? 'sync' : 'dossier list'} for another session dropped`);
        dossiers.receive(frame);
        return;
      case 'files-want':
      case 'file':
        if (!state.session || frame.session !== state.session) return log(`bridge: ${frame.t} for another session dropped`);
        if (frame.t === 'file') void ctx.files.receive(frame);
        else void ctx.files.answer(frame);
        return;
      case 'bye':
        if (!state.session || frame.session !== state.session) return;
        ctx.endSession();
        setStatus({ state: 'idle' });
        return;
    }
  }

  return {
    get status() {
      return state.status;
    },
    /** App side: say hello (again, e.g. after the extension restarted or a pairing). */
    start(): Promise<void> {
      if (role !== 'app') return Promise.resolve();
      return serial(app.sayHello);
    },
    /** App side: ask the extension to pair (the user clicked "Koppelen"). */
    requestPairing(): Promise<void> {
      if (role !== 'app') return Promise.resolve();
      return serial(app.requestPairing);
    },
    /** Extension side: the user confirmed (or refused) the waiting pairing request in an extension page. */
    answerPairing(accept: boolean): Promise<StoredPair | null> {
      let result: StoredPair | null = null;
      return serial(async () => {
        result = await extension.answerPairing(accept);
      }).then(() => result);
    },
    /** Either side: the user unpairs; the other side is told when connected, and forgets it too. */
    unpair(): Promise<void> {
      return serial(async () => {
        if (state.session) send({ t: 'unpair', session: state.session });
        await ctx.forgetPairing('unpaired by the user');
      });
    },
    /** Ask the other side for kept files this side lacks; resolves with the hashes stored. */
    wantFiles: (hashes: string[]) => ctx.files.want(hashes),
    /** The user decided about the held deletions. */
    resolveHeld: (remove: boolean) => dossiers.resolveHeld(remove),
    /** Handle any incoming message; anything not for the bridge is ignored, bad frames are logged. */
    receive(message: unknown) {
      const checked = checkEnvelope(message);
      if (checked === null) return;
      if (!checked.ok) return log(`bridge: dropped: ${checked.reason}`);
      if (checked.envelope.from === role) return;
      state.status = { ...state.status, lastSeen: Date.now() };
      handle(checked.envelope.frame);
    },
    /** Resolves when everything received so far has been handled. */
    idle: async () => {
      await state.queue;
      await dossiers.idle();
      await state.queue;
    },
    close() {
      if (state.session) send({ t: 'bye', session: state.session });
      ctx.endSession();
      extension.dropPairing();
      app.dropPairing();
      setStatus({ state: 'closed', pairCode: null });
    },
  };
}

export type BridgeSession = ReturnType<typeof createBridgeSession>;
