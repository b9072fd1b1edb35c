// The rooms of the signalling endpoint: which connections subscribe to which topic, and
// delivery of a published message to every subscriber — dropped, and counted, for a
// receiver that is too far behind.
import { WebSocket } from 'ws';
import type { SignallingLimits } from './signalling-limits.js';

/** A connection as the topics see it: its socket and the topics it is in. */
export type TopicMember = { ws: WebSocket; topics: Set<string> };

export type TopicCounters = { refusedTopics: number; slowReceiverDrops: number };

export type Topics<M extends TopicMember> = {
  /** Topics with at least one subscriber. */
  readonly size: number;
  subscribe(member: M, names: unknown[]): void;
  unsubscribe(member: M, names: Iterable<unknown>): void;
  /** Sends `message` plus the subscriber count to every subscriber of `topic`, the sender included. */
  publish(topic: string, message: Record<string, unknown>): void;
  /** Sends `data` to one member unless its socket is closed or too far behind. */
  deliver(receiver: M, data: string): void;
};

export function createTopics<M extends TopicMember>(
  limits: Pick<SignallingLimits, 'maxTopicLength' | 'maxTopicsPerConnection' | 'maxBufferedBytes'>,
  counters: TopicCounters,
): Topics<M> {
  const topics = new Map<string, Set<M>>();

  const deliver = (receiver: M, data: string) => {
    const ws = receiver.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      counters.slowReceiverDrops++;
      return;
    }
    ws.send(data, () => {}); // a failed send shows up as a close; nothing to do here
  };

  return {
    get size() {
      return topics.size;
    },
    subscribe(member, names) {
      for (const name of names) {
        if (typeof name !== 'string' || name.length === 0 || name.length > limits.maxTopicLength) {
          counters.refusedTopics++;
          continue;
        }
        if (member.topics.has(name)) continue;
        if (member.topics.size >= limits.maxTopicsPerConnection) {
          counters.refusedTopics++;
          continue;
        }
        member.topics.add(name);
        let subscribers = topics.get(name);
        if (!subscribers) topics.set(name, (subscribers = new Set()));
        subscribers.add(member);
      }
    },
    unsubscribe(member, names) {
      for (const name of names) {
        if (typeof name !== 'string' || !member.topics.delete(name)) continue;
        const subscribers = topics.get(name);
        if (!subscribers) continue;
        subscribers.delete(member);
        if (subscribers.size === 0) topics.delete(name);
      }
    },
    publish(topic, message) {
      const receivers = topics.get(topic);
      if (!receivers) return;
      // Like y-webrtc's own server: forward the message as sent, plus the subscriber count.
      const out = JSON.stringify({ ...message, clients: receivers.size });
      for (const receiver of receivers) deliver(receiver, out);
    },
    deliver,
  };
}
