import type http from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/live-types';
import type { ServerConfig } from '../config';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Is a browser handshake from `origin` allowed? Same origin by default, else the allowlist. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[] | null): boolean {
  if (!origin) return true; // not a browser: subject to tokens only
  if (allowed) return allowed.includes(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO on the app's HTTP server, path /socket.io. Handshakes from foreign origins are
 * refused (cross-site WebSocket hijacking), payloads are capped, and the handshake request is
 * not kept per connection (it would hold its headers and buffers for the socket's lifetime).
 */
export function createIoServer(httpServer: http.Server, cfg: ServerConfig, adapter?: ServerOptions['adapter']): LiveServer {
  const io: LiveServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: cfg.socketMaxBytes,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    allowRequest: (req, cb) => {
      const ok = originAllowed(req.headers.origin, req.headers.host, cfg.allowedOrigins);
      cb(ok ? null : 'origin not allowed', ok);
    },
    ...(adapter ? { adapter } : {}),
  });
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });
  return io;
}
