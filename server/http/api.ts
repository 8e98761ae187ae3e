import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import type { LiveFleet } from '../fleet-types';
import type { Logger } from '../logger';
import type { Monitoring } from '../monitoring/metrics';
import { secretsEqual } from '../security/session';
import { bearerToken } from './auth';
import { IngestParser } from '../ingest/ingest-parser';
import { handleIngest } from './ingest-route';
import { RateLimiter } from './rate-limit';
import { handleRead, type DayList } from './read-routes';
import { handleRoads } from './roads-route';
import { HttpError, sendError, sendJson } from './respond';
import { handleSystem, SystemStats } from './system-route';

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Paths the custom server answers itself; everything else goes to Next. */
export function isApiPath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/api' || path.startsWith('/api/');
}

/**
 * The HTTP API: ingest, the read API, health and the Prometheus metrics. Returns false for paths
 * that are not its own. Every failure is answered with the contract's error body; server faults
 * are logged with context (nothing is logged per request on the hot path).
 */
export function createApiHandler(
  cfg: ServerConfig,
  fleet: LiveFleet,
  logger: Logger,
  limiter = new RateLimiter(cfg.ingestRate),
  monitoring?: Monitoring,
  days?: DayList,
  parser = new IngestParser(0),
): ApiHandler {
  const system = monitoring ? new SystemStats(monitoring, fleet) : null;
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
        else if (err.status === 401 || err.status === 429) logger.debug({ path, code: err.code, address: req.socket.remoteAddress }, err.message);
        if (err.status === 429 && path === '/api/ingest') monitoring?.rateLimited('http');
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
      if (path === '/metrics' && monitoring) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'method: /metrics takes GET', { allow: 'GET' });
        if (cfg.metricsToken) {
          const token = bearerToken(req);
          if (token === null || !secretsEqual(token, cfg.metricsToken)) {
            throw new HttpError(401, 'unauthorized', 'Authorization: a Bearer token is required (METRICS_TOKEN is set)', { 'www-authenticate': 'Bearer realm="metrics"' });
          }
        }
        monitoring
          .metrics()
          .then((text) => {
            res.writeHead(200, { 'content-type': monitoring.contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
            res.end(req.method === 'HEAD' ? undefined : text);
          })
          .catch(fail);
        return true;
      }
      if (path === '/api/ingest') {
        if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'method: /api/ingest takes POST', { allow: 'POST' });
        const done = monitoring?.ingestTimer('http');
        handleIngest(req, res, cfg, fleet, limiter, parser)
          .catch(fail)
          .finally(() => done?.());
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, 'method_not_allowed', `method: ${path} takes GET`, { allow: 'GET' });
      }
      if (path === '/api/roads') {
        handleRoads(req, res, url, cfg, days).catch(fail);
        return true;
      }
      if (path === '/api/system' && system) {
        handleSystem(res, system).catch(fail);
        return true;
      }
      const read = handleRead(path, url, res, fleet.engine, days);
      if (read === false) throw new HttpError(404, 'not_found', `${path}: no such endpoint`);
      if (read !== true) read.catch(fail);
    } catch (err) {
      fail(err);
    }
    return true;
  };
}
