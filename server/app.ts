import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Namespace } from 'socket.io';
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

export interface AppOptions {
  cfg: ServerConfig;
  logger: Logger;
  /** Next's handlers; without them only the API and sockets are served (tests, benchmarks) */
  pages?: PageHandlers;
  /** wraps the API handler (tests use it to fake a client address) */
  wrapApi?: (api: ApiHandler) => ApiHandler;
}

export interface App {
  cfg: ServerConfig;
  fleet: LiveFleet;
  server: http.Server;
  io: LiveServer;
  hub: LiveHub;
  listen(port?: number, host?: string): Promise<number>;
  /** Stops serving, snapshots (when asked) and closes the log. */
  close(opts?: { snapshot?: boolean }): Promise<void>;
}

async function openFleet(cfg: ServerConfig, logger: Logger): Promise<LiveFleet> {
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
  const api = createApiHandler(cfg, fleet, logger, limiter);
  const server = createAppServer(opts.wrapApi ? opts.wrapApi(api) : api, opts.pages);
  const io = createIoServer(server, cfg);
  const hub = new LiveHub(io.of('/'), () => fleet.engine, { vehiclesHz: VEHICLES_MAX_HZ, statsEveryMs: 1000, logger });
  fleet.onApplied(() => hub.noteApplied());
  // The producers' namespace has its own event map (typed in lib/live-types.ts).
  attachIngestNamespace(io.of('/ingest') as unknown as Namespace<IngestClientToServerEvents>, cfg, fleet, limiter, logger);
  hub.start();
  return {
    cfg,
    fleet,
    server,
    io,
    hub,
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
    },
  };
}
