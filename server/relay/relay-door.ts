// The relay's WebSocket door: an upgrade is refused when the process holds its maximum of
// connections (503) or the client address holds its share (429); a socket let in is wrapped
// in the message gate before Hocuspocus sees it. A client offering the frames subprotocol
// gets it (large messages as frames, message-gate.ts); any other offer gets its first
// protocol, as `ws` would pick.
import type { IncomingMessage, Server } from 'node:http';
import type { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import { relayFramesProtocol } from '@knipsel/core/relay';
import { createAddressSlots, refuseUpgrade } from '../signalling-door.js';
import type { ClientAddressOf } from './client-address.js';
import { GuardedSocket } from './message-gate.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { RelayLimits } from './relay-options.js';

export function openRelayDoor(options: {
  server: Server;
  hocuspocus: Hocuspocus;
  limits: RelayLimits;
  addressOf: ClientAddressOf;
  metrics: RelayMetrics;
  log: (line: string) => void;
}): WebSocketServer {
  const { server, hocuspocus, limits, addressOf, metrics, log } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayload,
    handleProtocols: (offered) => (offered.has(relayFramesProtocol) ? relayFramesProtocol : (offered.values().next().value ?? false)),
  });
  const slots = createAddressSlots(limits.connectionsPerAddress);
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    socket.on('error', () => undefined);
    if (wss.clients.size >= limits.maxConnections) {
      metrics.connectionsOverCapacity++;
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    if (!slots.take(addressOf(request), socket)) {
      metrics.connectionsRateLimited++;
      refuseUpgrade(socket, '429 Too Many Requests');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const guarded = new GuardedSocket(
        ws,
        socket,
        limits,
        (reason, kind) => {
          metrics.closed[kind]++;
          log(`relay: closed a connection: ${reason}`);
        },
        metrics,
      );
      hocuspocus.handleConnection(guarded as never, request);
    });
  });
  return wss;
}
