// Several relay processes, on any hosts, as one relay: Hocuspocus' Redis extension passes
// updates and awareness between processes that have the same dossier open, and a channel of
// our own tells every process at once when access changed (a token revoked, a dossier
// deleted), so each closes the connections that lost it.
//
// Redis pub/sub keeps nothing: a message published while a process was cut off from Redis is
// gone. So when a process gets its Redis connections back, and every `resyncMs` besides, it
// publishes the first sync step of every dossier it has open; the others answer with what it
// lacks (and learn what they lack), as after any edit.
import { Redis } from '@hocuspocus/extension-redis';
import type { Document, Hocuspocus, onChangePayload } from '@hocuspocus/server';

export interface RelayClusterOptions {
  /** redis://[user:password@]host:port[/db] */
  redisUrl: string;
  /** Called with a dossier id when another process changed who may access it. */
  onAccessChanged: (dossierId: string) => void;
  resyncMs?: number;
  log: (line: string) => void;
}

export interface RelayCluster {
  /** Goes first in Hocuspocus' extensions. */
  extension: Redis;
  /** Tells every process (this one included) that access to `dossierId` changed. */
  publishAccessChange(dossierId: string): void;
  /** Both Redis connections are ready. */
  up(): boolean;
  /** Needs the Hocuspocus instance for the dossiers it has open. */
  start(hocuspocus: Hocuspocus): void;
  close(): Promise<void>;
}

const PREFIX = 'knipsel-relay';

export function joinCluster(options: RelayClusterOptions): RelayCluster {
  const url = new URL(options.redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  const extension = new Redis({
    host: url.hostname,
    port: Number(url.port || 6379),
    prefix: PREFIX,
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: Number.isInteger(db) ? db : undefined,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
  const accessChannel = `${PREFIX}:access`;
  const accessSub = extension.sub.duplicate();
  accessSub.on('error', () => undefined); // ioredis reconnects by itself; `up()` reports the state
  extension.pub.on('error', () => undefined);
  extension.sub.on('error', () => undefined);
  accessSub.on('message', (channel: string, dossierId: string) => {
    if (channel === accessChannel) options.onAccessChanged(dossierId);
  });
  void accessSub.subscribe(accessChannel).catch((error: Error) => options.log(`relay: could not subscribe to access changes: ${error.message}`));

  let hocuspocus: Hocuspocus | null = null;
  const resync = () => {
    if (!hocuspocus) return;
    for (const document of hocuspocus.documents.values()) {
      // The extension's onChange publishes the document's first sync step; the other processes answer.
      void extension.onChange({ documentName: document.name, document: document as Document, transactionOrigin: undefined } as onChangePayload).catch(() => undefined);
    }
  };
  const up = () => extension.pub.status === 'ready' && extension.sub.status === 'ready';
  let wasDown = false;
  const onStatus = () => {
    if (!up()) {
      wasDown = true;
      return;
    }
    if (wasDown) {
      wasDown = false;
      options.log('relay: Redis is back; syncing open dossiers with the other processes');
      resync();
    }
  };
  for (const client of [extension.pub, extension.sub]) {
    client.on('ready', onStatus);
    client.on('close', onStatus);
  }
  const timer = setInterval(resync, options.resyncMs ?? 30_000);
  timer.unref();

  return {
    extension,
    publishAccessChange(dossierId) {
      void extension.pub.publish(accessChannel, dossierId).catch((error: Error) => options.log(`relay: could not publish an access change: ${error.message}`));
    },
    up,
    start(instance) {
      hocuspocus = instance;
    },
    async close() {
      clearInterval(timer);
      accessSub.disconnect(false);
      await extension.onDestroy().catch(() => undefined);
    },
  };
}
