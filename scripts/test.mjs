#!/usr/bin/env node
// `npm test`: finds (or starts) what the test suite needs, builds the Next app when the browser
// tests will run against a stale build, runs Vitest, and ends with one summary line.
//
//   npm test                      whole suite
//   npm test -- tests/engine      extra arguments go to `vitest run` unchanged
//
// Environment:
//   CHROMIUM_PATH=/path/to/chrome  use this browser (must exist); exported to the tests
//   REDIS_URL=redis://host:port    use this Redis (must answer PING); exported to the tests
//   SKIP_BUILD=1                   never run `next build`
//   FORCE_BUILD=1                  always run `next build` first
//
// The last line printed is always `N passed, M failed` (plus `, K skipped` when K > 0).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { accessSync, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const args = process.argv.slice(2);

/** Resources to release however we exit. */
const cleanup = { redis: null, vitest: null, tmpDir: null };

function fail(lines, code = 1) {
  for (const line of [].concat(lines)) console.error(line);
  stopAll();
  process.exit(code);
}

// ---------------------------------------------------------------- Chromium

function isExecutable(file) {
  try {
    accessSync(file, fsConstants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Playwright's own browser downloads, newest revision first. */
function playwrightCacheCandidates() {
  const base = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), '.cache', 'ms-playwright');
  let dirs = [];
  try {
    dirs = readdirSync(base).filter((d) => /^chromium-\d+$/.test(d));
  } catch {
    return [];
  }
  dirs.sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  return dirs.flatMap((d) => [
    path.join(base, d, 'chrome-linux', 'chrome'),
    path.join(base, d, 'chrome-linux64', 'chrome'),
  ]);
}

async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      fail([
        `test: CHROMIUM_PATH=${fromEnv} is not an executable file.`,
        '      Point CHROMIUM_PATH at a Chromium binary, or unset it to use /usr/bin/chromium.',
      ]);
    }
    return fromEnv;
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', ...playwrightCacheCandidates()];
  try {
    // Where playwright-core would put its own download (only if it was ever installed).
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    if (p) candidates.push(p);
  } catch {
    // playwright-core missing or has no registry entry: the fixed paths above are enough.
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  fail([
    'test: no Chromium found (the browser tests drive it through playwright-core).',
    '      Looked at: /usr/bin/chromium, /usr/bin/chromium-browser, ~/.cache/ms-playwright/chromium-*.',
    '      Install it with:   sudo apt-get install -y chromium',
    '      or, with internet: npx playwright install chromium',
    '      or set CHROMIUM_PATH=/path/to/chrome',
  ]);
}

// ---------------------------------------------------------------- Redis

/** Resolves to null when `url` answers PING with PONG within `timeoutMs`, else to the reason. */
function pingRedis(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      resolve(`not a valid URL`);
      return;
    }
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
      resolve(`scheme must be redis:// or rediss://`);
      return;
    }
    const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = Number(u.port || 6379);
    const cmd = (...parts) => `*${parts.length}\r\n` + parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('');
    let payload = '';
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    let expectedReplies = 1;
    if (pass) {
      payload += user ? cmd('AUTH', user, pass) : cmd('AUTH', pass);
      expectedReplies++;
    }
    payload += cmd('PING');

    const socket =
      u.protocol === 'rediss:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host })
        : net.connect({ host, port });
    let buf = '';
    let done = false;
    const finish = (reason) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      const replies = buf.split('\r\n').filter(Boolean);
      const err = replies.find((r) => r.startsWith('-'));
      if (err) finish(`Redis replied ${err.slice(1)}`);
      else if (replies.length >= expectedReplies) {
        finish(replies[expectedReplies - 1] === '+PONG' ? null : `unexpected reply ${replies.at(-1)}`);
      }
    });
    const plain = { ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EHOSTUNREACH: 'host unreachable' };
    socket.on('error', (e) => finish(plain[e.code] ?? e.code ?? e.message));
    socket.on('close', () => finish('connection closed before PONG'));
  });
}

function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function findOnPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(bin) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fleetpulse-test-redis-'));
  cleanup.tmpDir = dir;
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanup.redis = child;
  let output = '';
  const keep = (c) => {
    output = (output + c.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = signal ?? code;
    if (cleanup.redis === child) cleanup.redis = null;
  });
  child.once('error', (e) => {
    exited = e.message;
  });

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if ((await pingRedis(url, 500)) === null) return { url, pid: child.pid };
    await new Promise((r) => setTimeout(r, 100));
  }
  fail([
    `test: started ${bin} on port ${port} but it ${exited !== null ? `exited (${exited})` : 'did not answer PING within 10 s'}.`,
    ...output.trim().split('\n').slice(-15).map((l) => `      ${l}`),
  ]);
}

async function findRedis() {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    const why = await pingRedis(fromEnv);
    if (why !== null) {
      fail([
        `test: REDIS_URL=${redactUrl(fromEnv)} does not answer PING (${why}).`,
        '      Start Redis there, or unset REDIS_URL to use 127.0.0.1:6379 or a throwaway redis-server.',
      ]);
    }
    return { url: fromEnv, how: 'from REDIS_URL' };
  }
  const local = 'redis://127.0.0.1:6379';
  if ((await pingRedis(local)) === null) return { url: local, how: 'running' };

  const bin = findOnPath('redis-server');
  if (!bin) {
    fail([
      'test: no Redis answers on 127.0.0.1:6379 and redis-server is not installed to start one.',
      '      Install it with: sudo apt-get install -y redis-server',
      '      or set REDIS_URL=redis://host:port to a running Redis.',
    ]);
  }
  const { url, pid } = await startRedis(bin);
  return { url, how: `started, pid ${pid}` };
}

// ---------------------------------------------------------------- Next build

// Vitest options that take a separate value (`-t name`): that value is not a file filter.
const VALUE_FLAGS = new Set([
  '-t', '--testNamePattern', '-c', '--config', '-r', '--root', '--dir', '--project', '--reporter',
  '--outputFile', '--shard', '--maxWorkers', '--environment', '--pool', '--mode', '--exclude',
  '--testTimeout', '--hookTimeout', '--retry', '--bail', '--sequence.seed', '--changed', '--tags-filter',
]);

function fileFilters(argv) {
  const filters = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a.startsWith('-')) {
      if (!a.includes('=') && VALUE_FLAGS.has(a)) i++;
      continue;
    }
    filters.push(a);
  }
  return filters;
}

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The browser tests (tests/e2e) run against the built app; does this run include any? */
function runsBrowserTests(argv) {
  const e2e = walk('tests/e2e').filter((f) => /\.test\.[cm]?[jt]sx?$/.test(f));
  if (e2e.length === 0) return false;
  const filters = fileFilters(argv);
  if (filters.length === 0) return true;
  // Vitest matches filters as substrings of the file path.
  return e2e.some((f) => filters.some((flt) => f.includes(flt.replace(/^\.\//, '')) || path.resolve(flt) === path.resolve(f)));
}

function newestSourceMtime() {
  const files = [
    ...walk('app'),
    ...walk('components'),
    ...walk('lib'),
    ...walk('public'),
    ...['next.config.js', 'next.config.mjs', 'next.config.ts', 'package-lock.json'].filter((f) => existsSync(f)),
  ];
  let newest = 0;
  let which = null;
  for (const f of files) {
    const m = statSync(f).mtimeMs;
    if (m > newest) {
      newest = m;
      which = f;
    }
  }
  return { newest, which };
}

function buildReason(argv) {
  if (process.env.SKIP_BUILD === '1') return null;
  if (process.env.FORCE_BUILD === '1') return 'FORCE_BUILD=1';
  if (!runsBrowserTests(argv)) return null;
  const idFile = path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (!existsSync(idFile)) return `no ${idFile}`;
  const built = statSync(idFile).mtimeMs;
  const { newest, which } = newestSourceMtime();
  return newest > built ? `${which} is newer than the last build` : null;
}

function run(cmd, argv, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: 'inherit', ...opts });
    cleanup.vitest = child;
    child.once('error', (e) => {
      console.error(`test: could not run ${cmd}: ${e.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      if (cleanup.vitest === child) cleanup.vitest = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

// ---------------------------------------------------------------- Vitest

function summarize(jsonFile, vitestCode) {
  let report = null;
  try {
    report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch (e) {
    console.error(`test: Vitest wrote no readable JSON report (${e.code ?? e.message}); it exited with ${vitestCode}.`);
  }
  const passed = report?.numPassedTests ?? 0;
  const failed = report?.numFailedTests ?? 0;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);

  // A file that fails to import has no failed test, only a failed file: name it so it is not missed.
  const brokenFiles = (report?.testResults ?? []).filter(
    (r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const r of brokenFiles) {
    console.error(`test: ${path.relative(root, r.name)} failed outside any test: ${(r.message || '').split('\n')[0]}`);
  }

  let code = vitestCode;
  if (code === 0 && (failed > 0 || brokenFiles.length > 0)) code = 1;
  if (code === 0 && passed + failed === 0) {
    console.error('test: no tests ran.');
    code = 1;
  }
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return code;
}

// ---------------------------------------------------------------- cleanup

function stopAll() {
  const { redis, vitest, tmpDir } = cleanup;
  if (vitest && vitest.exitCode === null) vitest.kill('SIGTERM');
  if (redis && redis.exitCode === null) redis.kill('SIGTERM');
  cleanup.redis = cleanup.vitest = null;
  if (tmpDir) {
    // Redis may still be writing its (empty) dir while it shuts down; leftovers are harmless.
    try {
      rmSync(tmpDir, { recursive: true, force: true });
    } catch {
      // best effort
    }
    cleanup.tmpDir = null;
  }
}

/** Stops a Redis we started and waits (briefly) until it is gone, so no port outlives us. */
async function stopRedisAndWait() {
  const child = cleanup.redis;
  if (!child || child.exitCode !== null) return stopAll();
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
  stopAll();
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\ntest: ${sig}: stopping.`);
    stopAll();
    process.exit(128 + os.constants.signals[sig]);
  });
}
process.on('exit', stopAll);

// ---------------------------------------------------------------- main

const chromium = await findChromium();
const redis = await findRedis();
process.env.CHROMIUM_PATH = chromium;
process.env.REDIS_URL = redis.url;
console.log(`chromium: ${chromium} · redis: ${redactUrl(redis.url)} (${redis.how})`);

const reason = buildReason(args);
if (reason) {
  console.log(`test: building the Next app for the browser tests (${reason}): npx next build`);
  const code = await run('npx', ['next', 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (code !== 0) {
    console.error(`test: next build failed (exit ${code}); fix it, or run with SKIP_BUILD=1.`);
    await stopRedisAndWait();
    console.log('0 passed, 0 failed');
    process.exit(code);
  }
}

const reportDir = mkdtempSync(path.join(os.tmpdir(), 'fleetpulse-vitest-'));
const jsonFile = path.join(reportDir, 'report.json');
const userPicksReporter = args.some((a) => a === '--reporter' || a.startsWith('--reporter='));
const vitestArgs = [
  'run',
  ...(userPicksReporter ? [] : ['--reporter=default']),
  '--reporter=json',
  `--outputFile.json=${jsonFile}`,
  ...args,
];
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const code = existsSync(vitestBin)
  ? await run(process.execPath, [vitestBin, ...vitestArgs])
  : await run('npx', ['vitest', ...vitestArgs]);

await stopRedisAndWait();
const exitCode = summarize(jsonFile, code);
rmSync(reportDir, { recursive: true, force: true });
process.exit(exitCode);
