import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './child';
import { cpuSeconds, percentile, rssMb } from './proc';
import { fmt, printTable, step } from './progress';
import { RawLiveClient } from './raw-client';

const DRIVERS = 5000;
const FIX_EVERY_MS = 2000;
const TICK_MS = 100;

/** 5,000 drivers each reporting every 2 s, posted as one batch every 100 ms of wall time. */
class Load {
  private timer: NodeJS.Timeout | null = null;
  private round = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  readonly posted = new Map<number, number>();
  constructor(private readonly port: number, private readonly t0 = Date.UTC(2026, 10, 25, 9)) {}

  start(): void {
    this.timer = setInterval(() => this.post(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends one batch; returns its event time (unique per batch). */
  post(): number {
    const r = this.round++;
    const ts = this.t0 + r * TICK_MS;
    const perTick = (DRIVERS * TICK_MS) / FIX_EVERY_MS;
    const lines: string[] = [];
    for (let k = 0; k < perTick; k++) {
      const d = (r * perTick + k) % DRIVERS;
      const lap = Math.floor((r * perTick + k) / DRIVERS);
      lines.push(`{"type":"location","driverId":"v${d}","ts":${ts},"lat":${(41.1 + (d % 100) * 0.001 + lap * 1e-4).toFixed(6)},"lng":${(-8.65 + Math.floor(d / 100) * 0.002).toFixed(6)}}`);
    }
    const body = lines.join('\n');
    this.posted.set(ts, performance.now());
    const req = http.request({ host: '127.0.0.1', port: this.port, path: '/api/ingest', method: 'POST', agent: this.agent, headers: { 'content-type': 'application/x-ndjson' } }, (res) => res.resume());
    req.on('error', () => {});
    req.end(body);
    return ts;
  }
}

async function connectMany(port: number, n: number): Promise<RawLiveClient[]> {
  const out: RawLiveClient[] = [];
  for (let i = 0; i < n; i += 50) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => RawLiveClient.connect(port)))));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's own heap in MB, from its Prometheus metrics. */
async function heapMb(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const m = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return m ? Number(m[1]) / 1048576 : NaN;
}

/** Issue 3's benchmark: push latency, clients per process under one core, memory per client. */
export async function benchLive(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-live-'));
  const { port, child } = await startChild('scripts/bench/serve-real.ts', { DATA_DIR: dataDir });
  const pid = child.pid!;
  const load = new Load(port);
  try {
    // Warm up: every driver known and moving.
    let done = step(`warming up: ${fmt(DRIVERS)} drivers moving`);
    load.start();
    await sleep(FIX_EVERY_MS + 500);
    done();

    done = step('latency: 50 clients and one that stopped reading, 10 s');
    const stalled = await RawLiveClient.connect(port);
    stalled.stall();
    const fifty = await connectMany(port, 50);
    const latencies: number[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const ts = load.post();
      const sent = load.posted.get(ts)!;
      void Promise.all(fifty.map((c) => c.waitFor(ts).then((at) => latencies.push(at - sent))));
      await sleep(250);
    }
    await sleep(500);
    done();
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    printTable(`Ingest-to-client latency (${fmt(DRIVERS)} moving drivers, 50 clients + 1 stalled, 10 Hz ticks)`, [
      { name: 'samples', value: fmt(latencies.length) },
      { name: 'p50', value: `${fmt(percentile(latencies, 0.5), 1)} ms` },
      { name: 'p99', value: `${fmt(p99, 1)} ms`, target: '< 150 ms', ok: p99 < 150 },
    ]);

    stalled.close();
    done = step('capacity: clients at 10 Hz under one core');
    const clients = [...fifty];
    const rows: { n: number; cpu: number; hz: number }[] = [];
    for (const n of [100, 200, 400, 800, 1200, 1600]) {
      clients.push(...(await connectMany(port, n - clients.length)));
      await sleep(1000);
      for (const c of clients) c.frames = 0;
      const c0 = cpuSeconds(pid);
      const w0 = performance.now();
      await sleep(5000);
      const cpu = (cpuSeconds(pid) - c0) / ((performance.now() - w0) / 1000);
      const hz = clients.reduce((s, c) => s + c.frames, 0) / clients.length / 5;
      rows.push({ n, cpu, hz });
      process.stderr.write(`    ${n} clients: server ${fmt(cpu * 100)}% of a core, ${fmt(hz, 1)} frames/s each\n`);
      if (cpu >= 1 || hz < 9) break;
    }
    done();
    const held = rows.filter((r) => r.cpu < 1 && r.hz >= 9).map((r) => r.n);
    const capacity = held.length ? Math.max(...held) : 0;
    printTable('Dashboard clients one process holds (full fleet, 10 frames/s each)', [
      ...rows.map((r) => ({ name: `${r.n} clients`, value: `${fmt(r.cpu * 100)}% of a core, ${fmt(r.hz, 1)} Hz` })),
      { name: 'held under one core', value: `${capacity}`, target: '>= 200', ok: capacity >= 200 },
    ]);
    for (const c of clients) c.close();
    load.stop();

    done = step('memory: 1,000 clients connect and leave');
    await sleep(2000);
    const before = { rss: rssMb(pid), heap: await heapMb(port) };
    const many = await connectMany(port, 1000);
    await sleep(2000);
    const during = { rss: rssMb(pid), heap: await heapMb(port) };
    for (const c of many) c.close();
    await sleep(8000);
    const after = { rss: rssMb(pid), heap: await heapMb(port) };
    done();
    const perClientKb = ((during.heap - before.heap) * 1024) / 1000;
    printTable('Server memory with 1,000 idle dashboard clients (heap from /metrics, RSS from /proc)', [
      { name: 'before', value: `heap ${fmt(before.heap)} MB, RSS ${fmt(before.rss)} MB` },
      { name: 'with 1,000 connected', value: `heap ${fmt(during.heap)} MB, RSS ${fmt(during.rss)} MB (~${fmt(perClientKb, 1)} KB heap a client)` },
      { name: 'after they left', value: `heap ${fmt(after.heap)} MB, RSS ${fmt(after.rss)} MB`, target: 'heap back near before', ok: after.heap - before.heap < Math.max(10, (during.heap - before.heap) * 0.5) },
    ]);
  } finally {
    load.stop();
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
