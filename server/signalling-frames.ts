// What a signalling client may send: y-webrtc's subscribe, unsubscribe, publish and ping
// frames, parsed and shape-checked; anything else is null (dropped and counted by the caller).
import type { RawData } from 'ws';

export type SignallingMessage = { type: 'subscribe' | 'unsubscribe'; topics: unknown[] } | { type: 'publish'; topic: string; [key: string]: unknown } | { type: 'ping' };

/** Checks the shape of a parsed frame; null when it is not a message we handle. */
function asMessage(value: unknown, maxTopicLength: number): SignallingMessage | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'subscribe':
    case 'unsubscribe':
      return Array.isArray(m.topics) ? { type: m.type, topics: m.topics } : null;
    case 'publish':
      return typeof m.topic === 'string' && m.topic.length > 0 && m.topic.length <= maxTopicLength ? (m as SignallingMessage) : null;
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** The message in a frame; null for binary frames, text that is not JSON, or a wrong shape. */
export function parseFrame(data: RawData, isBinary: boolean, maxTopicLength: number): SignallingMessage | null {
  if (isBinary) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawDataToText(data));
  } catch {
    return null;
  }
  return asMessage(parsed, maxTopicLength);
}
