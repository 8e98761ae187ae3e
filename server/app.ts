import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Namespace, Server } from 'socket.io';
import type { IngestClientToServerEvents } from '../lib/live-types';
import { VEHICLES_MAX_HZ } from '../lib/live-types';
import { createAppServer, type PageHandlers } from './app-server';
import type { ServerConfig } from './config';
import { dayEtaOf } from './days/day-eta';
import { DayStore } from './days/day-store';
import { LiveSimulator, seedOfDay } from './demo/live-simulator';
import { straightLineEta, type EtaModel } from './engine/eta';
import { roadEta } from './engine/eta-road';
import { Fleet } from './fleet';
import type { LiveFleet } from './fleet-types';
import { createApiHandler, type ApiHandler } from './http/api';
import { RateLimiter } from './http/rate-limit';
import { attachIngestNamespace } from './live/ingest-namespace';
import { createIoServer, type LiveServer } from './live/io-server';
import { LiveHub } from './live/live-hub';
import type { Logger } from './logger';
import { Monitoring } from './monitoring/metrics';
import { RedisFleet } from './redis/redis-fleet';
import { attachReplayNamespace, type ReplayNamespace } from './replay/replay-namespace';
import { createFrontDoor } from './security/front-door';
import { loadRoadGraph } from './roads/load';
import { simulateDay } from './sim/index';
import { IngestParser } from './ingest/ingest-parser';

/** The day a fresh install offers for replay: regenerated exactly from its seed and settings. */
export const DEFAULT_DAY = { id: 'sim-seed-1', label: 'Simulated day · seed 1 · 300 drivers', source: { kind: 'simulated', seed: 1, drivers: 300, date: '2026-11-24' } } as const;

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
  /** the recorded days, for replay */
  days: DayStore;
  /** the built-in fleet (SIMULATOR=on), once started */
  simulator: LiveSimulator | null;
  /** the threads that parse ingest bodies (INGEST_WORKERS) */
  ingestParser: IngestParser;
  listen(port?: number, host?: string): Promise<number>;
  /** Stops serving, snapshots (when asked) and closes the log. */
  close(opts?: { snapshot?: boolean }): Promise<void>;
}

/**
 * The engine's ETA model (ETA_MODEL). The road model's graph (ETA_ROADS): `city` is the built-in
 * fleet's generated city of today's seed (SIM_SEED when set), the roads its vehicles drive.
 */
export function etaModelOf(cfg: ServerConfig, logger: Logger): EtaModel {
  if (cfg.etaModel !== 'road') return straightLineEta();
  const spec = cfg.etaRoads === 'city' ? `city:${cfg.simSeed ?? seedOfDay(Math.floor(Date.now() / 86_400_000) * 86_400_000)}` : cfg.etaRoads;
  const graph = loadRoadGraph(spec);
  logger.info({ roads: spec, junctions: graph.nodeCount, edges: graph.edgeCount }, 'ETA model: road');
  return roadEta(graph);
}

async function openFleet(cfg: ServerConfig, logger: Logger): Promise<LiveFleet> {
  const eta = etaModelOf(cfg, logger);
  if (cfg.redisUrl) {
    return RedisFleet.open({
      url: cfg.redisUrl,
      prefix: cfg.redisPrefix,
      instanceId: cfg.instanceId,
      engine: { allowedLatenessMs: cfg.allowedLatenessMs },
      eta,
      snapshotEveryEvents: cfg.snapshotEveryEvents,
      snapshotEveryMs: cfg.snapshotEveryMs,
      logger,
      onRecoverProgress: (n) => logger.info({ replayed: n }, 'rebuilding state from the Redis stream'),
    });
  }
  return Fleet.open({
    dataDir: cfg.dataDir,
    engine: { allowedLatenessMs: cfg.allowedLatenessMs },
    eta,
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
  const days = new DayStore(path.join(cfg.dataDir, 'days'), (src) => simulateDay({ seed: src.seed, drivers: src.drivers, date: src.date }), logger, dayEtaOf(cfg));
  days.addSimulated(DEFAULT_DAY.id, DEFAULT_DAY.label, { ...DEFAULT_DAY.source });
  const parser = new IngestParser(cfg.ingestWorkers, logger);
  const api = createApiHandler(cfg, fleet, logger, limiter, monitoring, days, parser);
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
  attachReplayNamespace(io.of('/replay') as unknown as ReplayNamespace, days, { maxSessions: cfg.replayMaxSessions, idleMs: cfg.replayIdleMs, logger });
  hub.start();
  let simulator: LiveSimulator | null = null;
  if (cfg.simulator) {
    simulator = new LiveSimulator(fleet, { drivers: cfg.simDrivers, seed: cfg.simSeed, logger });
    // Both run beside serving: the page is up at once and fills in within seconds.
    void simulator.start().catch((err: unknown) => logger.error({ err }, 'the built-in fleet could not start'));
    void days.open(DEFAULT_DAY.id).catch((err: unknown) => logger.error({ err }, 'the default day could not be prepared'));
  }
  return {
    cfg,
    fleet,
    server,
    io,
    hub,
    monitoring,
    days,
    ingestParser: parser,
    get simulator() {
      return simulator;
    },
    listen(port = cfg.port, host = cfg.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close({ snapshot = true } = {}) {
      simulator?.stop();
      hub.stop();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        server.closeAllConnections();
      });
      await parser.close();
      if (snapshot) await fleet.snapshot();
      await fleet.close();
      monitoring.close();
    },
  };
}
