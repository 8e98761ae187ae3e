import http from 'node:http';
import os from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { startApp } from '../../tests/support/app-process';
import { launchBrowser, openPage } from '../../tests/support/browser';
import { fmt, printTable, step } from './progress';

const VEHICLES = 5000;
/** each vehicle reports this often (the built-in fleet: every 10 s; here faster, a harder case) */
const FIX_EVERY_MS = 5000;
const TICK_MS = 200;
const FPS_WINDOW_MS = 10_000;
const CENTER = { lat: 41.1579, lng: -8.6291 };

/**
 * 5,000 vehicles driving circles around Porto at city speeds, each reporting every 5 s with
 * heading and speed, posted as one batch every 200 ms of wall time (1,000 fixes a second), with
 * wall-clock event times so the page sees a live, fresh fleet.
 */
class SyntheticFleet {
  private timer: NodeJS.Timeout | null = null;
  private round = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  constructor(private readonly port: number) {}

  start(): void {
    this.timer = setInterval(() => this.post(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.agent.destroy();
  }

  private post(): void {
    const r = this.round++;
    const now = Date.now();
    const perTick = (VEHICLES * TICK_MS) / FIX_EVERY_MS;
    const lines: string[] = [];
    for (let k = 0; k < perTick; k++) {
      const d = (r * perTick + k) % VEHICLES;
      // Vehicle d circles a centre of its own (spread over the city) at 30 km/h.
      const cLat = CENTER.lat + ((d % 71) / 71 - 0.5) * 0.06;
      const cLng = CENTER.lng + ((Math.floor(d / 71) % 71) / 71 - 0.5) * 0.1;
      const radiusM = 150 + (d % 7) * 60;
      const angle = ((now / 1000) * (30 / 3.6)) / radiusM + d;
      const lat = cLat + (Math.cos(angle) * radiusM) / 111_320;
      const lng = cLng + (Math.sin(angle) * radiusM) / (111_320 * Math.cos((cLat * Math.PI) / 180));
      const heading = (((angle * 180) / Math.PI + 90) % 360 + 360) % 360;
      lines.push(`{"type":"location","driverId":"bench-${d}","ts":${now},"lat":${lat.toFixed(6)},"lng":${lng.toFixed(6)},"heading":${heading.toFixed(0)},"speedKph":30}`);
    }
    const req = http.request({ host: '127.0.0.1', port: this.port, path: '/api/ingest', method: 'POST', agent: this.agent, headers: { 'content-type': 'application/x-ndjson' } }, (res) => res.resume());
    req.on('error', () => {});
    req.end(lines.join('\n'));
  }
}

interface Frames {
  fps: number;
  /** 95th percentile of the time between frames, ms */
  p95Ms: number;
  /** the vehicle canvas's own mean cost per redraw, ms, and redraws a second (the map publishes both) */
  drawMs?: number;
  drawHz?: number;
  /** this machine's 1-minute load average while measuring: other processes take frames too */
  load?: number;
}

/** Frames per second over a window, counted with requestAnimationFrame inside the page. */
async function measureFps(page: Page, ms: number): Promise<Frames> {
  const f = await countFrames(page, ms);
  return { ...f, drawMs: Number(await attr(page, 'data-draw-ms')), drawHz: Number(await attr(page, 'data-draw-hz')), load: os.loadavg()[0] };
}

async function countFrames(page: Page, ms: number): Promise<Frames> {
  // A string, not a function: tsx's transform would add helpers the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const gaps = [];
    const start = performance.now();
    let last = start;
    const tick = (t) => {
      gaps.push(t - last);
      last = t;
      if (t - start < ${ms}) return requestAnimationFrame(tick);
      gaps.sort((a, b) => a - b);
      resolve({ fps: (gaps.length / (last - start)) * 1000, p95Ms: gaps[Math.floor(gaps.length * 0.95)] });
    };
    requestAnimationFrame(tick);
  })`);
}

/** The page's JS heap after a full garbage collection, MB. */
async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const attr = (page: Page, name: string) => page.locator('.leaflet-container').getAttribute(name);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`bench page: timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** `--minutes N` (default 10): how long the fleet updates before the second heap reading. */
function minutesArg(): number {
  const i = process.argv.indexOf('--minutes');
  const v = i >= 0 ? Number(process.argv[i + 1]) : 10;
  if (!Number.isFinite(v) || v < 1.5) throw new Error('bench page: --minutes must be a number of at least 1.5');
  return v;
}

/**
 * `npm run bench -- page [--minutes N]`: the live page in headless Chromium (the app as users run
 * it, from the Next build in NEXT_DIST_DIR or .next; tiles blocked). Frames per second with no
 * vehicles against 5,000 vehicles updating (at the default zoom, where they are clustered, and
 * zoomed in where each is drawn), and the page's heap after 1 minute of updates against after N.
 */
export async function benchPage(): Promise<void> {
  const minutes = minutesArg();
  let done = step('starting the app (SIMULATOR=off) and Chromium');
  const [app, browser] = await Promise.all([startApp({ SIMULATOR: 'off' }), launchBrowser()]);
  done();
  const fleet = new SyntheticFleet(app.port);
  try {
    const { page } = await openPage(browser, app.url);
    const cdp = await page.context().newCDPSession(page);
    await page.goto('/');
    await waitFor('the live connection', async () => (await page.getByTestId('connection').textContent()) === 'live', 30_000);
    await waitFor('the map', async () => (await attr(page, 'data-vehicles')) === '0', 30_000);

    done = step(`frames per second with no vehicles (${FPS_WINDOW_MS / 1000} s)`);
    const idle = await measureFps(page, FPS_WINDOW_MS);
    done(`${fmt(idle.fps, 1)} fps`);

    done = step(`${fmt(VEHICLES)} vehicles joining (a fix each every ${FIX_EVERY_MS / 1000} s)`);
    const loadStart = Date.now();
    fleet.start();
    await waitFor(`${VEHICLES} vehicles on the page`, async () => Number(await attr(page, 'data-vehicles')) >= VEHICLES, 60_000);
    done(`mode: ${await attr(page, 'data-vehicle-mode')}`);

    done = step(`frames per second with ${fmt(VEHICLES)} vehicles at the default zoom`);
    const loaded = await measureFps(page, FPS_WINDOW_MS);
    const loadedMode = await attr(page, 'data-vehicle-mode');
    done(`${fmt(loaded.fps, 1)} fps (${loadedMode})`);

    // Zoomed in on the centre, where ~1,000 vehicles are on screen, each drawn with its arrow.
    await page.locator('.leaflet-control-zoom-in').click();
    await waitFor('zoom 14', async () => (await attr(page, 'data-zoom')) === '14', 10_000);
    await page.locator('.leaflet-control-zoom-in').click();
    await waitFor('zoom 15', async () => (await attr(page, 'data-zoom')) === '15', 10_000);
    done = step(`frames per second with ${fmt(VEHICLES)} vehicles at zoom 15`);
    const zoomed = await measureFps(page, FPS_WINDOW_MS);
    const zoomedMode = await attr(page, 'data-vehicle-mode');
    done(`${fmt(zoomed.fps, 1)} fps (${zoomedMode})`);
    for (const z of ['14', '13']) {
      await page.locator('.leaflet-control-zoom-out').click();
      await waitFor(`zoom ${z}`, async () => (await attr(page, 'data-zoom')) === z, 10_000);
    }

    done = step('heap after 1 minute of updates');
    await sleep(Math.max(0, loadStart + 60_000 - Date.now()));
    const heap1 = await heapMb(cdp);
    done(`${fmt(heap1, 1)} MB`);

    done = step(`heap after ${minutes} minutes of updates`);
    const end = loadStart + minutes * 60_000;
    while (Date.now() < end) {
      await sleep(Math.min(60_000, end - Date.now()));
      process.stderr.write(`    ${fmt((Date.now() - loadStart) / 60_000, 1)} of ${minutes} min: ${await attr(page, 'data-vehicles')} vehicles on the page, heap ${fmt(await heapMb(cdp), 1)} MB\n`);
    }
    const heapN = await heapMb(cdp);
    const late = await measureFps(page, FPS_WINDOW_MS);
    const lateMode = await attr(page, 'data-vehicle-mode');
    done(`${fmt(heapN, 1)} MB`);

    const line = (f: Frames) => `${fmt(f.fps, 1)} fps, p95 frame ${fmt(f.p95Ms, 1)} ms, canvas ${fmt(f.drawMs ?? NaN, 2)} ms x ${fmt(f.drawHz ?? NaN)}/s, load ${fmt(f.load ?? NaN, 1)}`;
    printTable(`Live page in headless Chromium, ${fmt(VEHICLES)} vehicles (npm run bench -- page --minutes ${minutes}; ${os.cpus().length} cores)`, [
      { name: 'no vehicles', value: line(idle) },
      { name: `${fmt(VEHICLES)} updating, default zoom (${loadedMode})`, value: line(loaded) },
      { name: '  fps ratio', value: fmt(loaded.fps / idle.fps, 2), target: '>= 0.8', ok: loaded.fps / idle.fps >= 0.8 },
      { name: `${fmt(VEHICLES)} updating, zoom 15 (${zoomedMode})`, value: line(zoomed) },
      { name: '  fps ratio', value: fmt(zoomed.fps / idle.fps, 2), target: '>= 0.8', ok: zoomed.fps / idle.fps >= 0.8 },
      { name: `${fmt(VEHICLES)} updating, default zoom, after ${minutes} min (${lateMode})`, value: line(late) },
      { name: '  fps ratio', value: fmt(late.fps / idle.fps, 2), target: '>= 0.8', ok: late.fps / idle.fps >= 0.8 },
      { name: 'JS heap after 1 min', value: `${fmt(heap1, 1)} MB` },
      { name: `JS heap after ${minutes} min`, value: `${fmt(heapN, 1)} MB` },
      { name: '  heap ratio', value: fmt(heapN / heap1, 2), target: '<= 1.2 (flat)', ok: heapN / heap1 <= 1.2 },
    ]);
  } finally {
    fleet.stop();
    await browser.close();
    await app.stop();
  }
}
