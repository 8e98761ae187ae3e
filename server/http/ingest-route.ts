import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import type { LiveFleet } from '../fleet-types';
import { LogUnavailableError } from '../log/segment-log';
import { bearerToken, isLoopback, sameSecret } from './auth';
import { readBody } from './body';
import type { IngestParser } from '../ingest/ingest-parser';
import { isSupportedType, mediaType } from './parse-events';
import type { RateLimiter } from './rate-limit';
import { HttpError, sendJson } from './respond';

/** The identity an ingest request is rate-limited under. */
function authorize(req: IncomingMessage, cfg: ServerConfig): string {
  const token = bearerToken(req);
  if (cfg.ingestToken) {
    if (!token) throw new HttpError(401, 'unauthorized', 'Authorization: a Bearer token is required (INGEST_TOKEN is set)');
    if (!sameSecret(token, cfg.ingestToken)) throw new HttpError(401, 'unauthorized', 'Authorization: the token is not valid');
    return `token:${token}`;
  }
  const addr = req.socket.remoteAddress;
  if (!isLoopback(addr)) {
    throw new HttpError(401, 'unauthorized', 'Authorization: without INGEST_TOKEN on the server, ingest is accepted from loopback addresses only');
  }
  return `addr:${addr}`;
}

/** POST /api/ingest (contract section 2). */
export async function handleIngest(
  req: IncomingMessage,
  res: ServerResponse,
  cfg: ServerConfig,
  fleet: LiveFleet,
  limiter: RateLimiter,
  parser: IngestParser,
): Promise<void> {
  const who = authorize(req, cfg);
  const type = mediaType(req.headers['content-type']);
  if (!isSupportedType(type)) {
    req.resume();
    throw new HttpError(415, 'unsupported_media_type', `Content-Type: must be application/x-ndjson or application/json (got "${type || 'none'}")`);
  }
  // Shared memory when a parsing thread will read it: handed over without a copy.
  const body = await readBody(req, cfg.ingestMaxBytes, parser.threads > 0);
  const parsed = await parser.parse(body, type, cfg.ingestMaxEvents);
  const wait = limiter.take(who, parsed.count);
  if (wait > 0) {
    throw new HttpError(429, 'rate_limited', `events: at most ${cfg.ingestRate} a second (INGEST_RATE); retry after ${wait} s`, {
      'retry-after': String(wait),
    });
  }
  const batch = fleet.admit(parsed.validated, parsed.text);
  try {
    const result = await fleet.ingest(batch);
    sendJson(res, 200, result);
  } catch (err) {
    if (err instanceof LogUnavailableError) {
      throw new HttpError(503, 'log_unavailable', 'the event log cannot accept writes right now; nothing of this request was accepted', {
        'retry-after': '1',
      });
    }
    throw err;
  }
}
