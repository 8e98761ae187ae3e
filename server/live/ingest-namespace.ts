import type { Namespace } from 'socket.io';
import type { ErrorBody, IngestResult } from '../../lib/api-types';
import type { IngestClientToServerEvents } from '../../lib/live-types';
import type { ServerConfig } from '../config';
import type { LiveFleet } from '../fleet-types';
import { isLoopback, sameSecret } from '../http/auth';
import type { RateLimiter } from '../http/rate-limit';
import { LogUnavailableError } from '../log/segment-log';
import type { Logger } from '../logger';
import type { IngestMonitor } from '../monitoring/metrics';

type Ack = (result: IngestResult | ErrorBody) => void;
const error = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * Producers over Socket.IO: namespace /ingest, `auth: { token }`, `events` with an array and an
 * acknowledgement that receives the same body as the HTTP 200 (or an error body). The ack is sent
 * only after the log has the events, exactly as over HTTP.
 */
export function attachIngestNamespace(
  nsp: Namespace<IngestClientToServerEvents>,
  cfg: ServerConfig,
  fleet: LiveFleet,
  limiter: RateLimiter,
  logger: Logger,
  monitor?: IngestMonitor,
): void {
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (cfg.ingestToken) {
      if (typeof token !== 'string' || !sameSecret(token, cfg.ingestToken)) return next(new Error('unauthorized: auth.token is missing or not valid'));
    } else if (!isLoopback(socket.handshake.address)) {
      return next(new Error('unauthorized: without INGEST_TOKEN on the server, producers must connect from a loopback address'));
    }
    socket.data.who = cfg.ingestToken ? `token:${token as string}` : `addr:${socket.handshake.address}`;
    next();
  });
  nsp.on('connection', (socket) => {
    socket.on('events', async (events: unknown, ack?: Ack) => {
      if (typeof ack !== 'function') return; // nobody to answer: refuse to take events silently
      const done = monitor?.ingestTimer('socket');
      const answer = (body: IngestResult | ErrorBody) => {
        done?.();
        ack(body);
      };
      if (!Array.isArray(events)) return answer(error('invalid_events', 'events: must be an array of events'));
      if (events.length > cfg.ingestMaxEvents) return answer(error('too_many_events', `events: must hold at most ${cfg.ingestMaxEvents} events`));
      const wait = limiter.take(socket.data.who as string, events.length);
      if (wait > 0) {
        monitor?.rateLimited('socket');
        return answer(error('rate_limited', `events: at most ${cfg.ingestRate} a second (INGEST_RATE); retry after ${wait} s`));
      }
      try {
        answer(await fleet.ingest(fleet.check(events)));
      } catch (err) {
        if (err instanceof LogUnavailableError) return answer(error('log_unavailable', 'the event log cannot accept writes right now; nothing of this batch was accepted'));
        logger.error({ err }, 'socket ingest failed');
        answer(error('internal', 'internal error'));
      }
    });
  });
}
