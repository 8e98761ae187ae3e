import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiHandler } from './http/api';
import type { FrontDoor } from './security/front-door';

export interface PageHandlers {
  request: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;
}

export interface AppServerOptions {
  /**
   * Runs first on every request: security headers on every response (pages included), the
   * /auth routes, and the viewer check (VIEWER_TOKEN). Also decides on upgrades handed to Next.
   */
  frontDoor?: Pick<FrontDoor, 'request' | 'upgrade'>;
}

/**
 * One HTTP server, one port: the API answers its own paths, Next renders everything else.
 * Upgrades that are not ours go to Next (its dev server's hot reload uses a WebSocket).
 */
export function createAppServer(api: ApiHandler, pages?: PageHandlers, opts: AppServerOptions = {}): http.Server {
  const { frontDoor } = opts;
  const server = http.createServer((req, res) => {
    if (frontDoor?.request(req, res)) return;
    if (api(req, res)) return;
    if (pages) {
      void Promise.resolve(pages.request(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500).end('internal error');
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io/')) return; // Socket.IO attaches its own listener
    if (!pages?.upgrade) return void socket.destroy();
    if (frontDoor && !frontDoor.upgrade(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    void pages.upgrade(req, socket, head);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
