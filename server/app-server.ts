import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiHandler } from './http/api';

export interface PageHandlers {
  request: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;
}

/**
 * One HTTP server, one port: the API answers its own paths, Next renders everything else.
 * Upgrades that are not ours go to Next (its dev server's hot reload uses a WebSocket).
 */
export function createAppServer(api: ApiHandler, pages?: PageHandlers): http.Server {
  const server = http.createServer((req, res) => {
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
    if (pages?.upgrade) void pages.upgrade(req, socket, head);
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
