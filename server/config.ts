import path from 'node:path';

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
  /** largest Socket.IO message */
  socketMaxBytes: number;
  allowedLatenessMs: number;
  redisUrl: string | null;
  redisPrefix: string;
  simulator: boolean;
  simDrivers: number;
  /** take an engine snapshot after this many applied events ... */
  snapshotEveryEvents: number;
  /** ... or this long after the previous one, whichever comes first */
  snapshotEveryMs: number;
  /** log segments older than this (and covered by a snapshot) are deleted */
  logRetentionMs: number;
  logLevel: string;
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

/** pino's levels; anything else would make `createLogger` throw after the config was "checked". */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): ServerConfig {
  const sim = (env.SIMULATOR ?? 'on').toLowerCase();
  if (sim !== 'on' && sim !== 'off') throw new ConfigError(`SIMULATOR: must be on or off (got "${env.SIMULATOR}")`);
  const origins = str(env, 'ALLOWED_ORIGINS');
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? undefined,
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? './data'),
    ingestToken: str(env, 'INGEST_TOKEN'),
    viewerToken: str(env, 'VIEWER_TOKEN'),
    allowedOrigins: origins ? origins.split(',').map((s) => s.trim()).filter(Boolean) : null,
    ingestMaxBytes: int(env, 'INGEST_MAX_BYTES', 5 * 1024 * 1024, 1),
    ingestMaxEvents: 10_000,
    ingestRate: int(env, 'INGEST_RATE', 0, 0),
    socketMaxBytes: int(env, 'SOCKET_MAX_BYTES', 1024 * 1024, 1024),
    allowedLatenessMs: int(env, 'ALLOWED_LATENESS_MS', 120_000, 0),
    redisUrl: str(env, 'REDIS_URL'),
    redisPrefix: env.REDIS_PREFIX ?? '',
    simulator: sim === 'on',
    simDrivers: int(env, 'SIM_DRIVERS', 300, 0, 100_000),
    snapshotEveryEvents: int(env, 'SNAPSHOT_EVERY_EVENTS', 500_000, 1),
    snapshotEveryMs: int(env, 'SNAPSHOT_EVERY_MS', 5 * 60_000, 1000),
    logRetentionMs: int(env, 'LOG_RETENTION_HOURS', 48, 1) * 3_600_000,
    logLevel,
  };
}
