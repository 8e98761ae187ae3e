import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

/** Reconnect forever, backing off to at most about a second between attempts. */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 5), 1000) + Math.floor(Math.random() * 100);
}

const common: RedisOptions = {
  // RESP2 replies: the shapes every parser here (and the Socket.IO adapter, written for
  // ioredis 5) expects. ioredis 6 speaks RESP3 by default.
  protocol: 2,
  retryStrategy: reconnectDelay,
  connectTimeout: 2000,
};

/**
 * A client that fails fast while Redis is away: no offline queue (ioredis queues without a cap
 * by default), no retry of a command across reconnects, no resend of in-flight commands, and a
 * deadline on each reply. Callers answer 503 instead of holding requests in memory.
 */
export function failFastClient(url: string, name: string, commandTimeoutMs: number): Redis {
  return new Redis(url, {
    ...common,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
    connectionName: name,
  });
}

/**
 * The Socket.IO adapter's client. Its stream poller retries a failed XREAD at once, so without an
 * offline queue it would spin while Redis is down; with the queue, each read waits for the next
 * reconnect attempt, and `maxRetriesPerRequest: 0` flushes the queue at every failed attempt,
 * which keeps it to what one retry interval can gather.
 */
export function queueingClient(url: string, name: string): Redis {
  return new Redis(url, {
    ...common,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    commandTimeout: 10_000,
    connectionName: name,
  });
}

/** Logs a client's outage once when it starts and once when it ends (not each retry). */
export function logConnectionState(client: Redis, what: string, logger?: Logger): void {
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) logger?.warn({ err: err.message, client: what }, 'redis unreachable; retrying');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger?.info({ client: what }, 'redis reachable again');
    down = false;
  });
}
