import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, IngestClientToServerEvents, ServerToClientEvents } from '../../lib/live-types';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export type IngestClient = Socket<Record<string, never>, IngestClientToServerEvents>;

/** A live client on the default namespace (websocket only, a fresh connection each time). */
export function connectLive(url: string, auth?: Record<string, unknown>): LiveClient {
  return io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
}

export function connectIngest(url: string, token?: string): IngestClient {
  return io(`${url}/ingest`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { token } : {} });
}

/** Resolves with the first `event` whose payload satisfies `pred`, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: LiveClient,
  event: E,
  pred: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 3000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no matching "${String(event)}" within ${ms} ms`));
    }, ms);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!pred(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

/** Collects every payload of `event` from now on. */
export function collect<E extends keyof ServerToClientEvents>(socket: LiveClient, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const out: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((p: Parameters<ServerToClientEvents[E]>[0]) => out.push(p)) as never);
  return out;
}

export function connected(socket: { connected: boolean; once(ev: string, fn: (...a: unknown[]) => void): unknown }): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err as Error));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
