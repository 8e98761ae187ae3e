/**
 * Redis for tests: the shared server of `npm test` (REDIS_URL), a fresh key prefix per test and a
 * cleanup that deletes its keys, and a private `redis-server` a test may stop and start again on
 * the same port (with an fsynced append-only file, so what Redis acknowledged survives).
 * No vitest import here, like server.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export const redisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses: `test:<random>:`. */
export const testPrefix = (): string => `test:${randomBytes(6).toString('hex')}:`;

/** A plain client for arranging and inspecting (RESP2 replies, like the server's clients). */
export function redisClient(url = redisUrl()): Redis {
  return new Redis(url, { protocol: 2, maxRetriesPerRequest: 1, retryStrategy: () => 200 });
}

/** Deletes every key under the prefix (SCAN MATCH prefix*, then UNLINK). */
export async function deleteKeys(prefix: string, url = redisUrl()): Promise<number> {
  const redis = redisClient(url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { protocol: 2, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 500 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  /** SIGKILLs the server (a crash: only the fsynced append-only file remains) */
  stop(): Promise<void>;
  /** starts it again on the same port and data dir; resolves once it answers PING */
  start(): Promise<void>;
  /** stops it and removes its data dir */
  destroy(): Promise<void>;
}

/**
 * A private redis-server on a free port, persisting every write (`appendfsync always`) in a temp
 * dir, so a stop and start on the same port keeps every acknowledged entry.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetpulse-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  const start = async () => {
    if (child) throw new Error('private redis is running already');
    const c = spawn('redis-server', args, { stdio: 'ignore' });
    child = c;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) throw new Error(`redis-server on port ${port} exited (${c.exitCode})`);
      if (await answers(url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${port} did not answer within 10 s`);
  };
  await start();
  return {
    url,
    port,
    dir,
    stop,
    start,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 2000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
