import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import type { LiveFleet } from '../fleet-types';
import type { Logger } from '../logger';
import { handleIngest } from './ingest-route';
import { RateLimiter } from './rate-limit';
import { handleRead } from './read-routes';
import { HttpError, sendError, sendJson } from './respond';

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Paths the custom server answers itself; everything else goes to Next. */
export function isApiPath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path === '/api' || path.startsWith('/api/');
}

/**
 * The HTTP API: ingest, the read API and health. Returns false for paths that are not its own.
 * Every failure is answered with the contract's error body and logged with context.
 */
export function createApiHandler(cfg: ServerConfig, fleet: LiveFleet, logger: Logger, limiter = new RateLimiter(cfg.ingestRate)): ApiHandler {
  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // An absolute-form target such as `GET http://[ HTTP/1.1` does not parse; throwing here,
      // outside any try, would be an uncaught exception that takes the whole process down.
      sendError(res, new HttpError(400, 'invalid_url', 'url: the request target is not a valid URL'));
      return true;
    }
    const path = url.pathname;
    if (!isApiPath(path)) return false;
    const fail = (err: unknown) => {
      if (err instanceof HttpError) {
        if (err.status >= 500) logger.warn({ path, code: err.code }, err.message);
        if (!res.headersSent) sendError(res, err);
        else res.destroy();
        return;
      }
      logger.error({ err, path }, 'request failed');
      if (!res.headersSent) sendError(res, new HttpError(500, 'internal', 'internal error'));
      else res.destroy();
    };
    try {
      if (path === '/healthz') {
        sendJson(res, 200, { ok: true, log: fleet.health() });
        return true;
      }
      if (path === '/readyz') {
        const log = fleet.health();
        sendJson(res, log.writable ? 200 : 503, { ready: log.writable, log }, log.writable ? {} : { 'retry-after': '1' });
        return true;
      }
      if (path === '/api/ingest') {
        if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'method: /api/ingest takes POST', { allow: 'POST' });
        handleIngest(req, res, cfg, fleet, limiter).catch(fail);
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, 'method_not_allowed', `method: ${path} takes GET`, { allow: 'GET' });
      }
      if (!handleRead(path, url, res, fleet.engine)) throw new HttpError(404, 'not_found', `${path}: no such endpoint`);
    } catch (err) {
      fail(err);
    }
    return true;
  };
}
