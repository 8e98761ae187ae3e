import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Namespace, Server } from 'socket.io';
import type { IngestClientToServerEvents } from '../lib/live-types';
import { VEHICLES_MAX_HZ } from '../lib/live-types';
import { createAppServer, type PageHandlers } from './app-server';
import type { ServerConfig } from './config';
import { Fleet } from './fleet';
import type { LiveFleet } from './fleet-types';
import { createApiHandler, type ApiHandler } from './http/api';
import { RateLimiter } from './http/rate-limit';
import { attachIngestNamespace } from './live/ingest-namespace';
import { createIoServer, type LiveServer } from './live/io-server';
import { LiveHub } from './live/live-hub';
import type { Logger } from './logger';
import { RedisFleet } from './redis/redis-fleet';
import { Monitoring } from './monitoring/metrics';
import { createFrontDoor } from './security/front-door';

export interface AppOptions {
  cfg: ServerConfig;
  logger: Logger;
  /** Next's handlers; without them only the API and sockets are served (tests, benchmarks) */
  pages?: PageHandlers;
  /** wraps the API handler (tests use it to fake a client address) */
  wrapApi?: (api: ApiHandler) => ApiHandler;
  /** `next dev`: the pages' CSP then allows what the dev server needs (eval) */
  dev?: boolean;
}

export interface App {
  cfg: ServerConfig;
  fleet: LiveFleet;
  server: http.Server;
  io: LiveServer;
  hub: LiveHub;
  /** the Prometheus registry behind GET /metrics */
  monitoring: Monitoring;
  listen(port?: number, host?: string): Promise<number>;
  /** Stops serving, snapshots (when asked) and closes the log. */
  close(opts?: { snapshot?: boolean }): Promise<void>;
}

async function openFleet(cfg: ServerConfig, logger: Logger): Promise<LiveFleet> {
  if (cfg.redisUrl) {
    return RedisFleet.open({
      url: cfg.redisUrl,
      prefix: cfg.redisPrefix,
      instanceId: cfg.instanceId,
      engine: { allowedLatenessMs: cfg.allowedLatenessMs },
      snapshotEveryEvents: cfg.snapshotEveryEvents,
      snapshotEveryMs: cfg.snapshotEveryMs,
      logger,
      onRecoverProgress: (n) => logger.info({ replayed: n }, 'rebuilding state from the Redis stream'),
    });
  }
  return Fleet.open({
    dataDir: cfg.dataDir,
    engine: { allowedLatenessMs: cfg.allowedLatenessMs },
    snapshotEveryEvents: cfg.snapshotEveryEvents,
    snapshotEveryMs: cfg.snapshotEveryMs,
    logRetentionMs: cfg.logRetentionMs,
    logger,
    onRecoverProgress: (n) => logger.info({ replayed: n }, 'rebuilding state from the log'),
  });
}

/**
 * The whole server on one port: the HTTP API, Next's pages (when given), Socket.IO with the live
 * namespace and the producers' /ingest namespace, all over one live fleet.
 */
export async function createApp(opts: AppOptions): Promise<App> {
  const { cfg, logger } = opts;
  const fleet = await openFleet(cfg, logger);
  const limiter = new RateLimiter(cfg.ingestRate);
  const monitoring = new Monitoring(fleet);
  const frontDoor = createFrontDoor({ cfg, logger, dev: opts.dev, onRefused: (surface) => monitoring.authRefused(surface) });
  const api = createApiHandler(cfg, fleet, logger, limiter, monitoring);
  const server = createAppServer(opts.wrapApi ? opts.wrapApi(api) : api, opts.pages, { frontDoor });
  const io = createIoServer(server, cfg, fleet instanceof RedisFleet ? fleet.socketAdapter() : undefined);
  monitoring.attachIo(io as unknown as Server, logger);
  const hub = new LiveHub(io.of('/'), () => fleet.engine, {
    vehiclesHz: VEHICLES_MAX_HZ,
    statsEveryMs: 1000,
    logger,
    onFlush: (latencyMs) => monitoring.observeEmit(latencyMs),
  });
  fleet.onApplied(() => hub.noteApplied());
  // The producers' namespace has its own event map (typed in lib/live-types.ts).
  attachIngestNamespace(io.of('/ingest') as unknown as Namespace<IngestClientToServerEvents>, cfg, fleet, limiter, logger, monitoring);
  hub.start();
  return {
    cfg,
    fleet,
    server,
    io,
    hub,
    monitoring,
    listen(port = cfg.port, host = cfg.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close({ snapshot = true } = {}) {
      hub.stop();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        server.closeAllConnections();
      });
      if (snapshot) await fleet.snapshot();
      await fleet.close();
      monitoring.close();
    },
  };
}
