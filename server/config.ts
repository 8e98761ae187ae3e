import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TILE_URL } from '../lib/map-tiles';

/** Server settings from the environment (contract section 6), checked once at start. */
export interface ServerConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  ingestToken: string | null;
  viewerToken: string | null;
  allowedOrigins: string[] | null;
  ingestMaxBytes: number;
  ingestMaxEvents: number;
  ingestRate: number;
  /** threads that parse and validate ingest bodies beside the main thread (0: on it) */
  ingestWorkers: number;
  /** largest Socket.IO message */
  socketMaxBytes: number;
  allowedLatenessMs: number;
  redisUrl: string | null;
  redisPrefix: string;
  /** this process among several on one Redis: names its consumer group (INSTANCE_ID) */
  instanceId: string;
  simulator: boolean;
  simDrivers: number;
  /** seed of the built-in fleet; null: a seed per day, from its date */
  simSeed: number | null;
  /** concurrent replay sessions, and minutes after which an idle (paused) one is closed */
  replayMaxSessions: number;
  replayIdleMs: number;
  /** take an engine snapshot after this many applied events ... */
  snapshotEveryEvents: number;
  /** ... or this long after the previous one, whichever comes first */
  snapshotEveryMs: number;
  /** log segments older than this (and covered by a snapshot) are deleted */
  logRetentionMs: number;
  logLevel: string;
  /** map tile URL template (Leaflet style); the pages' CSP allows images from its host */
  tileUrl: string;
  /** the engine's ETA model (ETA_MODEL): the road graph with learned speeds, or the straight line */
  etaModel: 'road' | 'straight-line';
  /** the road graph of the road model (ETA_ROADS): `city` (the simulator's), `porto`, or a GeoJSON path */
  etaRoads: string;
  /** bearer token for GET /metrics; unset: /metrics is open (like /healthz) */
  metricsToken: string | null;
  /** key for signing viewer sessions; unset: derived from VIEWER_TOKEN */
  sessionSecret: string | null;
  /** lifetime of a viewer session (the login cookie) */
  sessionTtlMs: number;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name}: must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

function str(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v === '' ? null : v;
}

/** INSTANCE_ID, else `<hostname>-<PORT>` (`<hostname>-pid<pid>` on a random port). */
function instanceId(env: Env, port: number): string {
  const given = str(env, 'INSTANCE_ID');
  if (given !== null && !/^[A-Za-z0-9_.:-]{1,100}$/.test(given)) {
    throw new ConfigError(`INSTANCE_ID: must be 1 to 100 characters from [A-Za-z0-9_.:-] (got "${given}")`);
  }
  return given ?? `${os.hostname().replace(/[^A-Za-z0-9_.:-]/g, '_')}-${port || `pid${process.pid}`}`;
}

/** pino's levels; anything else would make `createLogger` throw after the config was "checked". */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];


function tileUrl(env: Env): string {
  const v = str(env, 'TILE_URL') ?? DEFAULT_TILE_URL;
  if (v.startsWith('/') && !v.startsWith('//')) return v; // served by this host
  let u: URL;
  try {
    u = new URL(v.replace(/\{[a-z]+\}/gi, 'x'));
  } catch {
    throw new ConfigError(`TILE_URL: must be an http(s) URL template or a path (got "${v}")`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError(`TILE_URL: must be an http(s) URL template or a path (got "${v}")`);
  return v;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const sim = (env.SIMULATOR ?? 'on').toLowerCase();
  if (sim !== 'on' && sim !== 'off') throw new ConfigError(`SIMULATOR: must be on or off (got "${env.SIMULATOR}")`);
  const origins = str(env, 'ALLOWED_ORIGINS');
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const etaModel = (str(env, 'ETA_MODEL') ?? 'road').toLowerCase();
  if (etaModel !== 'road' && etaModel !== 'straight-line') throw new ConfigError(`ETA_MODEL: must be road or straight-line (got "${env.ETA_MODEL}")`);
  return {
    port,
    host: str(env, 'HOST') ?? undefined,
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? './data'),
    ingestToken: str(env, 'INGEST_TOKEN'),
    viewerToken: str(env, 'VIEWER_TOKEN'),
    allowedOrigins: origins ? origins.split(',').map((s) => s.trim()).filter(Boolean) : null,
    ingestMaxBytes: int(env, 'INGEST_MAX_BYTES', 5 * 1024 * 1024, 1),
    ingestMaxEvents: 10_000,
    ingestRate: int(env, 'INGEST_RATE', 0, 0),
    ingestWorkers: int(env, 'INGEST_WORKERS', 1, 0, 16),
    socketMaxBytes: int(env, 'SOCKET_MAX_BYTES', 1024 * 1024, 1024),
    allowedLatenessMs: int(env, 'ALLOWED_LATENESS_MS', 120_000, 0),
    redisUrl: str(env, 'REDIS_URL'),
    redisPrefix: env.REDIS_PREFIX ?? '',
    instanceId: instanceId(env, port),
    simulator: sim === 'on',
    simDrivers: int(env, 'SIM_DRIVERS', 300, 1, 20_000),
    simSeed: env.SIM_SEED ? int(env, 'SIM_SEED', 0, 0, 2 ** 31 - 1) : null,
    replayMaxSessions: int(env, 'REPLAY_MAX_SESSIONS', 8, 1, 1000),
    replayIdleMs: int(env, 'REPLAY_IDLE_MINUTES', 15, 1, 24 * 60) * 60_000,
    snapshotEveryEvents: int(env, 'SNAPSHOT_EVERY_EVENTS', 500_000, 1),
    snapshotEveryMs: int(env, 'SNAPSHOT_EVERY_MS', 5 * 60_000, 1000),
    logRetentionMs: int(env, 'LOG_RETENTION_HOURS', 48, 1) * 3_600_000,
    logLevel,
    tileUrl: tileUrl(env),
    etaModel,
    etaRoads: str(env, 'ETA_ROADS') ?? 'city',
    metricsToken: str(env, 'METRICS_TOKEN'),
    sessionSecret: str(env, 'SESSION_SECRET'),
    sessionTtlMs: int(env, 'SESSION_HOURS', 12, 1, 24 * 365) * 3_600_000,
  };
}
