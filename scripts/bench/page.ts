import http from 'node:http';
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
}

/** Frames per second over a window, counted with requestAnimationFrame inside the page. */
async function measureFps(page: Page, ms: number): Promise<Frames> {
  return page.evaluate(async (windowMs) => {
    const gaps: number[] = [];
    let last = performance.now();
    const start = last;
    await new Promise<void>((resolve) => {
      const tick = (t: number) => {
        gaps.push(t - last);
        last = t;
        if (t - start >= windowMs) resolve();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    gaps.sort((a, b) => a - b);
    return { fps: (gaps.length / (last - start)) * 1000, p95Ms: gaps[Math.floor(gaps.length * 0.95)] ?? NaN };
  }, ms);
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
    await page.locator('.leaflet-control-zoom-out').click();
    await page.locator('.leaflet-control-zoom-out').click();

    done = step('heap after 1 minute of updates');
    await sleep(Math.max(0, loadStart + 60_000 - Date.now()));
    const heap1 = await heapMb(cdp);
    done(`${fmt(heap1, 1)} MB`);

    done = step(`heap after ${minutes} minutes of updates`);
    const end = loadStart + minutes * 60_000;
    while (Date.now() < end) {
      await sleep(Math.min(60_000, end - Date.now()));
      process.stderr.write(`    ${fmt((Date.now() - loadStart) / 60_000, 1)} of ${minutes} min, ${await attr(page, 'data-vehicles')} vehicles on the page\n`);
    }
    const heapN = await heapMb(cdp);
    const late = await measureFps(page, FPS_WINDOW_MS);
    done(`${fmt(heapN, 1)} MB`);

    printTable(`Live page in headless Chromium, ${fmt(VEHICLES)} vehicles (npm run bench -- page --minutes ${minutes})`, [
      { name: 'fps, no vehicles', value: `${fmt(idle.fps, 1)} (p95 frame ${fmt(idle.p95Ms, 1)} ms)` },
      { name: `fps, ${fmt(VEHICLES)} updating, default zoom (${loadedMode})`, value: `${fmt(loaded.fps, 1)} (p95 frame ${fmt(loaded.p95Ms, 1)} ms)` },
      { name: '  ratio', value: fmt(loaded.fps / idle.fps, 2), target: '>= 0.8', ok: loaded.fps / idle.fps >= 0.8 },
      { name: `fps, ${fmt(VEHICLES)} updating, zoom 15 (${zoomedMode})`, value: `${fmt(zoomed.fps, 1)} (p95 frame ${fmt(zoomed.p95Ms, 1)} ms)` },
      { name: '  ratio', value: fmt(zoomed.fps / idle.fps, 2), target: '>= 0.8', ok: zoomed.fps / idle.fps >= 0.8 },
      { name: `fps after ${minutes} min, default zoom`, value: `${fmt(late.fps, 1)} (p95 frame ${fmt(late.p95Ms, 1)} ms)` },
      { name: 'JS heap after 1 min', value: `${fmt(heap1, 1)} MB` },
      { name: `JS heap after ${minutes} min`, value: `${fmt(heapN, 1)} MB` },
      { name: '  ratio', value: fmt(heapN / heap1, 2), target: '<= 1.2 (flat)', ok: heapN / heap1 <= 1.2 },
    ]);
  } finally {
    fleet.stop();
    await browser.close();
    await app.stop();
  }
}
