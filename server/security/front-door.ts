import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import { readBody } from '../http/body';
import { mediaType } from '../http/parse-events';
import { RateLimiter } from '../http/rate-limit';
import { HttpError, sendError, sendJson } from '../http/respond';
import type { Logger } from '../logger';
import { isHttps, securityHeaders } from './headers';
import { originAllowed } from './origin';
import { sessionCookie } from './session';
import { ViewerAuth } from './viewer-auth';

export type RefusedSurface = 'api' | 'page' | 'login' | 'upgrade';

export interface FrontDoorOptions {
  cfg: ServerConfig;
  logger: Logger;
  /** `next dev` (its CSP needs eval) */
  dev?: boolean;
  /** told of every refused viewer request (for the metrics) */
  onRefused?: (surface: RefusedSurface) => void;
  /** wrong tokens at POST /auth/login a second per client address (default 5) */
  loginRate?: number;
}

/** What the custom server runs before the API and Next see a request. */
export interface FrontDoor {
  readonly viewer: ViewerAuth;
  /** Sets the security headers, answers /auth/*, refuses viewers without a session; true when it answered. */
  request(req: IncomingMessage, res: ServerResponse): boolean;
  /** May this upgrade (not Socket.IO's: those have their own checks) go on to Next? */
  upgrade(req: IncomingMessage): boolean;
}

/**
 * Paths open without VIEWER_TOKEN: probes and scrapes (/healthz, /readyz, /metrics, which has its
 * own optional METRICS_TOKEN), producers' ingest (INGEST_TOKEN), and what the login page needs to
 * render (the page itself and Next's static build files, which hold no data).
 */
export function isOpenPath(path: string): boolean {
  return (
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/metrics' ||
    path === '/api/ingest' ||
    path === '/login' ||
    path.startsWith('/_next/static/') ||
    path === '/favicon.ico'
  );
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** A local path to go to after login: never another host (`//evil`, `/\evil`), never /login again. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000 || !/^\/(?![/\\])/.test(next) || /[\p{Cc}\\]/u.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/auth/')) return '/';
  return next;
}

const LOGIN_MAX_BYTES = 4096;

/**
 * Was this POST sent by our own pages (or by a client that is not a browser)? Browsers say so in
 * Sec-Fetch-Site; under `Referrer-Policy: no-referrer` their form posts carry `Origin: null`, so
 * Origin alone is checked only when it names a real origin.
 */
function sameSitePost(req: IncomingMessage, allowed: string[] | null): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === 'null' || originAllowed(origin, req.headers.host, allowed);
}

export function createFrontDoor(opts: FrontDoorOptions): FrontDoor {
  const { cfg, logger } = opts;
  const viewer = new ViewerAuth(cfg);
  const headers = securityHeaders({ tileUrl: cfg.tileUrl, dev: opts.dev ?? false });
  const loginLimiter = new RateLimiter(opts.loginRate ?? 5);
  const refused = (surface: RefusedSurface) => opts.onRefused?.(surface);
  const limitKey = (req: IncomingMessage) => `addr:${req.socket.remoteAddress}`;

  const wantsJson = (req: IncomingMessage) =>
    mediaType(req.headers['content-type']) === 'application/json' || /application\/json/.test(req.headers.accept ?? '');
  const redirect = (res: ServerResponse, location: string, extra: Record<string, string | string[]> = {}) => {
    res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': 0, ...extra });
    res.end();
  };
  const cookieFor = (req: IncomingMessage, value: string, maxAgeSec: number) => sessionCookie(value, { maxAgeSec, secure: isHttps(req) });

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = wantsJson(req);
    const type = mediaType(req.headers['content-type']);
    let token: unknown;
    let next: unknown;
    let body: Buffer;
    try {
      body = await readBody(req, LOGIN_MAX_BYTES);
    } catch (err) {
      if (err instanceof HttpError && err.status === 413) throw new HttpError(413, 'payload_too_large', `body: must be at most ${LOGIN_MAX_BYTES} bytes`);
      throw err;
    }
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'invalid_json', 'body: not valid JSON');
      }
      if (typeof parsed === 'object' && parsed !== null) ({ token, next } = parsed as { token?: unknown; next?: unknown });
    } else if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body.toString('utf8'));
      token = form.get('token');
      next = form.get('next');
    } else {
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type: must be application/x-www-form-urlencoded or application/json');
    }
    const target = safeNext(next);
    if (!viewer.required) {
      // Nothing to sign in to: say so, and go on.
      if (json) sendJson(res, 200, { ok: true, required: false });
      else redirect(res, target);
      return;
    }
    if (!viewer.tokenMatches(token)) {
      loginLimiter.take(limitKey(req), 1);
      refused('login');
      logger.warn({ address: req.socket.remoteAddress }, 'viewer login refused: wrong token');
      if (json) throw new HttpError(401, 'unauthorized', 'token: not the viewer token');
      redirect(res, `/login?error=1&next=${encodeURIComponent(target)}`);
      return;
    }
    const cookie = cookieFor(req, viewer.sessions!.issue(), cfg.sessionTtlMs / 1000);
    if (json) sendJson(res, 200, { ok: true, required: true }, { 'set-cookie': cookie });
    else redirect(res, target, { 'set-cookie': cookie });
  }

  function auth(path: string, req: IncomingMessage, res: ServerResponse): void {
    const fail = (err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendError(res, err);
      logger.error({ err, path }, 'auth request failed');
      sendError(res, new HttpError(500, 'internal', 'internal error'));
    };
    try {
      if (path === '/auth/session') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'method: /auth/session takes GET', { allow: 'GET' });
        sendJson(res, 200, { required: viewer.required, authenticated: viewer.allows(req) });
        return;
      }
      if (path !== '/auth/login' && path !== '/auth/logout') throw new HttpError(404, 'not_found', `${path}: no such endpoint`);
      if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `method: ${path} takes POST`, { allow: 'POST' });
      // A form posted from another site is refused (login CSRF); SameSite=Strict covers the rest.
      if (!sameSitePost(req, cfg.allowedOrigins)) {
        req.resume();
        throw new HttpError(403, 'origin_not_allowed', 'Origin: not allowed to sign in here');
      }
      if (path === '/auth/logout') {
        req.resume();
        // Sessions are stateless: logging out removes the cookie from this browser.
        const cookie = cookieFor(req, '', 0);
        if (wantsJson(req)) sendJson(res, 200, { ok: true }, { 'set-cookie': cookie });
        else redirect(res, '/login', { 'set-cookie': cookie });
        return;
      }
      // Wrong tokens are throttled per address (a guess costs a second's allowance); right ones never are.
      const wait = loginLimiter.take(limitKey(req), 0);
      if (wait > 0) {
        req.resume();
        refused('login');
        throw new HttpError(429, 'rate_limited', `login: too many attempts; retry after ${wait} s`, { 'retry-after': String(wait) });
      }
      login(req, res).catch(fail);
    } catch (err) {
      fail(err);
    }
  }

  return {
    viewer,
    request(req, res) {
      for (const [k, v] of Object.entries(headers(req))) res.setHeader(k, v);
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        return false; // the API answers a target that is not a URL with 400
      }
      const path = url.pathname;
      if (path.startsWith('/auth/')) {
        auth(path, req, res);
        return true;
      }
      if (!viewer.required || isOpenPath(path) || (opts.dev && path.startsWith('/__nextjs_font/')) || viewer.allows(req)) return false;
      if (isApi(path)) {
        refused('api');
        req.resume();
        sendError(
          res,
          new HttpError(401, 'unauthorized', 'Authorization: a viewer token is required (VIEWER_TOKEN is set): send Authorization: Bearer <token>, or sign in at /login', {
            'www-authenticate': 'Bearer realm="fleetpulse"',
          }),
        );
        return true;
      }
      refused('page');
      req.resume();
      if (req.method === 'GET' || req.method === 'HEAD') {
        redirect(res, `/login?next=${encodeURIComponent(safeNext(url.pathname + url.search))}`);
      } else {
        sendError(res, new HttpError(401, 'unauthorized', 'sign in at /login first'));
      }
      return true;
    },
    upgrade(req) {
      // `next dev`'s hot reload socket carries no data: the login page may use it before sign-in.
      const hmr = opts.dev === true && /^\/_next\/(webpack-)?hmr(\?|$)/.test(req.url ?? '');
      if (!originAllowed(req.headers.origin, req.headers.host, cfg.allowedOrigins) || (!hmr && !viewer.allows(req))) {
        refused('upgrade');
        return false;
      }
      return true;
    },
  };
}
