/**
 * The real API server for HTTP tests, without Next: config from a literal env, the embedded
 * fleet on a fresh data dir, the API handler and the one-port app server, listening on port 0.
 * In-process (`startApiServer`) for most tests, as a child process (`spawnApiServer`) for crashes.
 * No vitest import here: `api-process.ts` runs this file in a plain Node child.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../server/app';
import { loadConfig, type ServerConfig } from '../../server/config';
import type { Fleet } from '../../server/fleet';
import type { ApiHandler } from '../../server/http/api';
import { createLogger } from '../../server/logger';

export type Env = Record<string, string>;

export interface ApiServer {
  url: string;
  port: number;
  cfg: ServerConfig;
  fleet: Fleet;
  server: http.Server;
  app: App;
  dataDir: string;
  /** stops the server and closes the fleet; removes the data dir unless `keepData` */
  close(opts?: { keepData?: boolean; snapshot?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** wraps the API handler, e.g. to make a request look like it came from elsewhere */
  wrap?: (api: ApiHandler) => ApiHandler;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fleetpulse-http-'));
}

/**
 * Builds and starts the server in-process. Only the given env is read (never process.env), with
 * `DATA_DIR` a fresh temp dir unless given, `HOST` 127.0.0.1 unless given, `LOG_LEVEL` silent, and
 * `INGEST_WORKERS` 0 unless given: a parsing thread costs a third of a second of CPU to load, and
 * the suites of HTTP ingest, which ask for one, are where the thread is tested.
 */
export async function startApiServer(env: Env = {}, opts: StartOptions = {}): Promise<ApiServer> {
  const ownDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? tempDataDir();
  let app: App;
  try {
    const cfg = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent', SIMULATOR: 'off', INGEST_WORKERS: '0', ...env, DATA_DIR: dataDir, PORT: '0' });
    app = await createApp({ cfg, logger: createLogger(cfg.logLevel), wrapApi: opts.wrap });
  } catch (err) {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  let port: number;
  try {
    port = await app.listen(0, app.cfg.host);
  } catch (err) {
    await app.close({ snapshot: false });
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const host = app.cfg.host!.includes(':') ? `[${app.cfg.host}]` : app.cfg.host;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    cfg: app.cfg,
    fleet: app.fleet as Fleet,
    server: app.server,
    app,
    dataDir,
    async close({ keepData = !ownDir, snapshot = false } = {}) {
      if (closed) return;
      closed = true;
      await app.close({ snapshot });
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ChildApiServer {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** sends the signal and resolves once the child has exited */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'api-process.ts');

/**
 * The same server as a child process (`node --import tsx tests/support/api-process.ts`), for
 * crash and restart tests. Resolves once the child printed `LISTENING <port>`. DATA_DIR is a
 * fresh temp dir unless given (the caller removes it).
 */
export function spawnApiServer(env: Env = {}): Promise<ChildApiServer> {
  const dataDir = env.DATA_DIR ?? tempDataDir();
  // Only PATH of this process's environment leaks into the child, so a developer's own
  // INGEST_TOKEN or DATA_DIR never changes what a test sees.
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SIMULATOR: 'off',
    ...env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (s: string) => {
      out += s;
      const m = /^LISTENING (\d+)$/m.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining so the child never blocks on a full pipe
      const port = Number(m[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        dataDir,
        child,
        kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`api child exited (${code ?? signal}) before listening:\n${stderr}`)));
  });
}

// ---------------------------------------------------------------- requests

/** POSTs events as NDJSON (one JSON line each), or a literal string body, to /api/ingest. */
export function postNdjson(url: string, events: readonly unknown[] | string, headers: Record<string, string> = {}): Promise<Response> {
  const body = typeof events === 'string' ? events : events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  return fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...headers },
    body,
  });
}

/** POSTs one value (an event or an array of events) as JSON, or a literal string body, to /api/ingest. */
export function postJson(url: string, value: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof value === 'string' ? value : JSON.stringify(value),
  });
}

/** GETs a path and parses the JSON body, failing loudly on a non-200. */
export async function getJson<T = unknown>(url: string, pathname: string): Promise<T> {
  const res = await fetch(url + pathname);
  if (res.status !== 200) throw new Error(`GET ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
