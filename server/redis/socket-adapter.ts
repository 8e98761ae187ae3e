import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import { logConnectionState, queueingClient } from './clients';
import type { RedisKeys } from './keys';

export interface SocketAdapter {
  adapter: ServerOptions['adapter'];
  /** closes the adapter's publishing client (Socket.IO closes the adapter itself) */
  close(): void;
}

/**
 * The adapter fires PUBLISH (ephemeral messages) and SUBSCRIBE (a namespace's channels) without
 * handling their promises; while Redis is down those reject, and an unhandled rejection ends the
 * process. This gives each such promise a handler (callers still get it) on the client and on the
 * connections the adapter duplicates from it.
 */
const FIRED_AND_FORGOTTEN = ['publish', 'spublish', 'subscribe', 'ssubscribe'] as const;

function handleRejections(client: Redis, logger?: Logger): Redis {
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of FIRED_AND_FORGOTTEN) {
    const call = methods[name].bind(client);
    methods[name] = (...args: unknown[]) => {
      const result = call(...args);
      if (result instanceof Promise) result.catch((err: Error) => logger?.debug({ err: err.message, command: name }, 'socket.io adapter command failed'));
      return result;
    };
  }
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => handleRejections(duplicate(override), logger);
  return client;
}

/**
 * The Socket.IO Redis streams adapter (rooms and broadcasts across processes, and connection
 * state recovery across them), on its own client and behind REDIS_PREFIX. The live feed emits
 * through `io.local` (every process holds the whole fleet), so little goes through it.
 */
export function createSocketAdapter(url: string, keys: RedisKeys, logger?: Logger): SocketAdapter {
  const client = handleRejections(queueingClient(url, 'fleetpulse:socket.io'), logger);
  logConnectionState(client, 'socket.io adapter', logger);
  const adapter = createAdapter(client, {
    streamName: keys.socketStream,
    channelPrefix: keys.socketChannel,
    sessionKeyPrefix: keys.socketSession,
    maxLen: 10_000,
    // how long a closed server's poller may still hold its connection
    blockTimeInMs: 1000,
    onlyPlaintext: true,
  });
  return { adapter: adapter as ServerOptions['adapter'], close: () => client.disconnect() };
}
