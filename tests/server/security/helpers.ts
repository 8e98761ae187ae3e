import fs from 'node:fs';
import type http from 'node:http';
import { io as ioClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { createApp, type App } from '../../../server/app';
import type { PageHandlers } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/logger';
import { tempDataDir, type Env } from '../../support/server';

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * A socket.io client of its own (never a shared Manager), websocket only, no reconnection;
 * resolves once connected, rejects with the connect_error. `before` adds listeners before
 * connecting (the server's first events can arrive with the connect packet itself).
 */
export function connect(url: string, opts: ClientOptions = {}, before?: (socket: Socket) => void): Promise<Socket> {
  const socket = ioClient(url, { forceNew: true, reconnection: false, transports: ['websocket'], timeout: 5000, ...opts });
  before?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** The connect_error message of a handshake that must fail. */
export async function refused(url: string, opts: ClientOptions = {}): Promise<string> {
  try {
    const s = await connect(url, opts);
    s.close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the handshake was accepted');
}

/** The fake "Next" of these tests: every page is a tiny HTML document naming its path. */
export const fakePages: PageHandlers = {
  request: (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>page</title><p>${req.url}</p>`);
  },
};

export interface PagedApp {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** The whole app (API, sockets, security) with `fakePages` standing in for Next. */
export async function startWithPages(env: Env = {}, opts: { dev?: boolean; pages?: PageHandlers } = {}): Promise<PagedApp> {
  const dataDir = tempDataDir();
  const cfg = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent', SIMULATOR: 'off', ...env, DATA_DIR: dataDir, PORT: '0' });
  const app = await createApp({ cfg, logger: createLogger(cfg.logLevel), pages: opts.pages ?? fakePages, dev: opts.dev });
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.close({ snapshot: false });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `name=value` of the session cookie in a response's Set-Cookie, and the whole header. */
export function sessionFrom(res: Response): { pair: string; header: string } {
  const header = res.headers.get('set-cookie') ?? '';
  const pair = header.split(';')[0];
  return { pair, header };
}
