// How a Knipsel client and relay carry messages of any size over their WebSocket: the client
// offers two subprotocols, plain Hocuspocus first; a relay that knows frames picks the frames
// one, an older relay (ws picks the first offered) the plain one. With frames, a message above
// 64 KiB travels as core's chunk or compressed stream frames (sync/frames/framed-channel.ts),
// each behind a 0 byte: an empty document name, which no Hocuspocus message has.

/** The subprotocol that means "large messages travel as frames". */
export const relayFramesProtocol = 'knipsel-relay-frames.1';
/** What a client offers, in order: plain first, so a relay that does not know frames picks it. */
export const relayProtocols = ['knipsel-relay', relayFramesProtocol] as const;
/** The byte before every stream frame on a framed relay socket. */
export const relayFramePrefix = 0;
