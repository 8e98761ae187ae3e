import type http from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/live-types';
import type { ServerConfig } from '../config';
import { originAllowed } from '../security/origin';
import { guardNamespaces, noteHandshakeCookie } from '../security/socket-auth';
import { ViewerAuth } from '../security/viewer-auth';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Is a browser handshake from `origin` allowed? Same origin by default, else the allowlist. */
export { originAllowed };

/**
 * Socket.IO on the app's HTTP server, path /socket.io. Handshakes from foreign origins are
 * refused (cross-site WebSocket hijacking), payloads are capped, and the handshake request is
 * not kept per connection (it would hold its headers and buffers for the socket's lifetime).
 * With VIEWER_TOKEN set, every namespace but /ingest (INGEST_TOKEN) needs `auth: { token }` or
 * the session cookie of /auth/login on the handshake.
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
  const viewer = new ViewerAuth(cfg);
  guardNamespaces(io as unknown as Server, viewer);
  io.engine.on('connection', (raw: { request: { headers: { cookie?: string } } | null }) => {
    noteHandshakeCookie(viewer, raw, raw.request?.headers.cookie);
    raw.request = null;
  });
  // Engine.IO answers its polling requests itself, past the app server's headers.
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers['X-Content-Type-Options'] = 'nosniff';
    headers['Referrer-Policy'] = 'no-referrer';
    headers['Cache-Control'] = 'no-store';
  });
  return io;
}
