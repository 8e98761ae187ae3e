import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverDetail, DriversBody } from '../../lib/api-types';
import { assigned, created, delivered, loc, min, offline, online, pickedUp, sec } from '../support/events';
import { openPage, screenshot } from '../support/browser';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';

/**
 * `n` fixes 20 s apart from T0, round a circle of `radiusM` about Porto's centre at `kph`: the
 * trail stays in the city the map draws, and the speed the engine derives is about `kph`.
 */
function circle(driverId: string, n: number, kph: number, radiusM: number) {
  const [lat0, lng0] = [41.1579, -8.6291];
  const step = ((kph / 3.6) * 20) / radiusM;
  return Array.from({ length: n }, (_, i) => {
    const a = i * step;
    const lat = lat0 + (radiusM * Math.sin(a)) / 111_320;
    const lng = lng0 + (radiusM * Math.cos(a)) / (111_320 * Math.cos((lat0 * Math.PI) / 180));
    return loc(driverId, sec(i * 20), Math.round(lat * 1e6) / 1e6, Math.round(lng * 1e6) / 1e6);
  });
}

/**
 * The drivers table and drill-down against a server fed literal events (no simulator), so every
 * figure on the page can be checked against what was sent.
 */
describe('drivers: table and drill-down', () => {
  let app: AppProcess;
  let browser: Browser;
  const run = Date.now().toString(36);
  const ana = `${run}-ana`;
  const bruno = `${run}-bruno`;
  const carla = `${run}-carla`;
  const duarte = `${run}-duarte`;
  const [o1, o2, o3] = [`${run}-o1`, `${run}-o2`, `${run}-o3`];

  const post = async (events: unknown[]) => {
    const res = await fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: unknown[] };
    expect(body.rejected).toEqual([]);
  };
  const detail = async (id: string) => (await (await fetch(`${app.url}/api/drivers/${id}`)).json()) as DriverDetail;

  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    // 25 minutes of four drivers: Ana idle at 20 km/h, Bruno on his way to a pickup at 35,
    // Carla delivering her second order at 50 after one delivered on time, Duarte gone offline.
    // Sent in event-time order, as producers do: a fix minutes behind the newest is late.
    const events: { ts: number }[] = [
      online(ana, sec(0), 'Ana Silva'),
      online(bruno, sec(0), 'Bruno Costa'),
      online(carla, sec(0), 'Carla Dias'),
      online(duarte, sec(0), 'Duarte Reis'),
      ...circle(ana, 76, 20, 1200),
      ...circle(bruno, 76, 35, 1500),
      ...circle(carla, 76, 50, 1800),
      ...circle(duarte, 76, 10, 900),
      offline(duarte, sec(1501)),
      created(o1, min(1), { promisedTs: min(30) }),
      assigned(o1, min(2), carla),
      pickedUp(o1, min(5)),
      delivered(o1, min(15)),
      created(o3, min(16), { promisedTs: min(45) }),
      assigned(o3, min(17), carla),
      pickedUp(o3, min(20)),
      created(o2, min(22)),
      assigned(o2, min(23), bruno),
    ];
    await post(events.sort((a, b) => a.ts - b.ts));
  }, 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  const rowIds = (page: Page) => page.locator('[data-testid=drivers-table] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.driver));
  const filter = (page: Page, status: string) => page.locator(`[data-filter=${status}]`);

  it('lists every driver, filters by status and by search, sorts, and keeps the view in the URL', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/drivers');
    await expect.poll(() => rowIds(page)).toEqual([ana, bruno, carla, duarte]);
    await expect.poll(() => page.getByTestId('drivers-summary').textContent()).toContain('4 drivers');
    // Each status shows its chip and its count in the filter.
    expect(await page.locator(`tr[data-driver="${carla}"] [data-status]`).textContent()).toBe('to drop-off');
    expect(await filter(page, 'all').textContent()).toBe('All4');
    for (const s of ['idle', 'to_pickup', 'to_dropoff', 'offline']) expect(await filter(page, s).locator('span').textContent()).toBe('1');
    await screenshot(page, 'drivers-table-light');

    await filter(page, 'to_pickup').click();
    await expect.poll(() => rowIds(page)).toEqual([bruno]);
    expect(page.url()).toContain('status=to_pickup');
    await filter(page, 'offline').click();
    await expect.poll(() => rowIds(page)).toEqual([duarte]);
    await filter(page, 'all').click();

    const search = page.getByLabel('Search drivers by id or name');
    await search.fill('carla d'); // by name, any case
    await expect.poll(() => rowIds(page)).toEqual([carla]);
    await search.fill(`${run}-du`); // by id
    await expect.poll(() => rowIds(page)).toEqual([duarte]);
    await search.fill('nobody');
    await expect.poll(() => page.getByTestId('drivers-empty').textContent()).toContain('No driver matches');
    await search.fill('');

    const speedHeader = page.locator('th', { hasText: 'Speed' });
    await speedHeader.getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([duarte, ana, bruno, carla]);
    expect(await speedHeader.getAttribute('aria-sort')).toBe('ascending');
    await speedHeader.getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([carla, bruno, ana, duarte]);
    expect(await speedHeader.getAttribute('aria-sort')).toBe('descending');
    await page.locator('th', { hasText: 'Name' }).getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([ana, bruno, carla, duarte]);
    await page.locator('th', { hasText: 'Status' }).getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([ana, bruno, carla, duarte]); // idle, to pickup, to drop-off, offline

    // A shared link reopens the same view.
    await page.goto(`/drivers?q=${run}&status=idle&sort=speed&dir=desc`);
    await expect.poll(() => rowIds(page)).toEqual([ana]);
    expect(await search.inputValue()).toBe(run);
    expect(await filter(page, 'idle').getAttribute('aria-pressed')).toBe('true');
    await page.goto('/drivers?sort=speed&dir=desc');
    await expect.poll(() => rowIds(page)).toEqual([carla, bruno, ana, duarte]);
    await page.reload();
    await expect.poll(() => rowIds(page)).toEqual([carla, bruno, ana, duarte]);

    // A row opens the driver's drill-down.
    await page.locator(`tr[data-driver="${bruno}"] td`).nth(3).click();
    await page.waitForURL(`**/drivers/${bruno}`);
    await expect.poll(() => page.getByTestId('driver-title').textContent()).toBe('Bruno Costa');
    // ... whose way back returns to the view the table was left in.
    await page.getByRole('link', { name: '← All drivers' }).click();
    await page.waitForURL('**/drivers?sort=speed&dir=desc');
    await expect.poll(() => rowIds(page)).toEqual([carla, bruno, ana, duarte]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the drill-down shows stats, trail, orders and timeline, survives a reload and follows new fixes live', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto(`/drivers/${carla}`);
    const api = await detail(carla);
    const mapEl = page.getByTestId('driver-map');
    const check = async () => {
      await expect.poll(() => page.getByTestId('driver-title').textContent(), { timeout: 10_000 }).toBe('Carla Dias');
      await expect.poll(() => page.getByTestId('connection').textContent()).toBe('live');
      expect(await page.locator('[data-testid=driver-facts] ~ * [data-status], h1 ~ [data-status]').first().textContent()).toBe('to drop-off');
      const stat = (k: string) => page.locator(`[data-testid=driver-stats] [data-stat=${k}] span`).first().textContent();
      expect(await stat('deliveries')).toBe('1');
      expect(await stat('onTimeRate')).toBe('100%');
      expect(await stat('distanceKm')).toBe(`${api.stats.distanceKm.toFixed(1)} km`);
      await expect.poll(async () => Number(await mapEl.getAttribute('data-trail-points')), { timeout: 10_000 }).toBe(api.trail.length);
      expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(0); // the trail, drawn without tiles
      // Orders: the delivered one with its promise kept, the open one with its ETA.
      const o1Row = page.locator(`[data-testid=driver-orders] tr[data-order="${o1}"]`);
      expect(await o1Row.textContent()).toContain('08:15');
      expect(await o1Row.locator('td').last().textContent()).toBe('on time');
      const o1Api = api.orders.find((o) => o.id === o1)!;
      if (o1Api.etaAtPickupTs !== null) {
        const err = Math.round(((o1Api.deliveredTs! - o1Api.etaAtPickupTs) / 60_000) * 10) / 10;
        expect(await o1Row.getByTestId('eta-error').textContent()).toBe(`${err > 0 ? '+' : err < 0 ? '−' : ''}${Math.abs(err).toFixed(1)} min`);
      }
      expect(await page.locator(`[data-testid=driver-orders] tr[data-order="${o3}"]`).textContent()).toContain('to drop-off');
      expect(await page.getByTestId('current-order').textContent()).toContain(o3);
      // Timeline: to pickup and to drop-off twice each, idle between.
      const bands = await page.locator('[data-testid=status-timeline] [data-status]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
      expect(bands).toEqual(['idle', 'to_pickup', 'to_dropoff', 'idle', 'to_pickup', 'to_dropoff']);
      expect(await page.getByTestId('speed-chart').locator('.recharts-line path').count()).toBeGreaterThan(0);
    };
    await check();
    // Tiles are blocked here, as offline: the city's roads are drawn under the trail instead.
    await expect.poll(() => mapEl.locator('.leaflet-container').getAttribute('data-roads'), { timeout: 10_000 }).toMatch(/^[1-9]\d*$/);
    await screenshot(page, 'driver-drilldown-light');
    await page.reload();
    await check();

    // A new fix further east: one more trail point and a longer distance, without a reload.
    const before = await page.locator('[data-testid=driver-stats] [data-stat=distanceKm] span').first().textContent();
    const last = api.trail[api.trail.length - 1];
    await post([loc(carla, last[0] + 20_000, last[1] + 0.002, last[2])]);
    await expect.poll(async () => Number(await mapEl.getAttribute('data-trail-points')), { timeout: 5000 }).toBe(api.trail.length + 1);
    await expect.poll(() => page.locator('[data-testid=driver-stats] [data-stat=distanceKm] span').first().textContent(), { timeout: 5000 }).not.toBe(before);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('an unknown driver id shows a clear not-found state', async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto(`/drivers/${run}-nobody`);
    await expect.poll(() => page.getByTestId('driver-not-found').textContent()).toContain('No such driver');
    expect(await page.getByTestId('driver-not-found').textContent()).toContain(`${run}-nobody`);
    await page.goto('/drivers/not%20an%20id');
    await expect.poll(() => page.getByTestId('driver-not-found').isVisible()).toBe(true);
    await screenshot(page, 'driver-not-found');
    await page.getByRole('link', { name: '← All drivers' }).click();
    await page.waitForURL('**/drivers');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('reads well in dark mode and on a phone', { timeout: 60_000 }, async () => {
    for (const [scheme, viewport, tag] of [
      ['dark', { width: 1280, height: 800 }, 'dark'],
      ['light', { width: 390, height: 844 }, 'phone-light'],
      ['dark', { width: 390, height: 844 }, 'phone-dark'],
    ] as const) {
      const { page, consoleErrors, context } = await openPage(browser, app.url, { colorScheme: scheme, viewport });
      await page.goto('/drivers');
      await expect.poll(() => rowIds(page)).toHaveLength(4);
      // Every driver is reachable on a phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `drivers-table-${tag}`);
      await page.goto(`/drivers/${carla}`);
      await expect.poll(() => page.getByTestId('driver-title').textContent(), { timeout: 10_000 }).toBe('Carla Dias');
      await expect.poll(async () => Number(await page.getByTestId('driver-map').getAttribute('data-trail-points')), { timeout: 10_000 }).toBeGreaterThan(10);
      await expect.poll(() => page.locator('[data-testid=driver-map] .leaflet-container').getAttribute('data-roads'), { timeout: 10_000 }).toMatch(/^[1-9]\d*$/);
      await screenshot(page, `driver-drilldown-${tag}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });
});

describe('drivers: the table with the built-in fleet', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => ({ app, browser } = await startAppAndBrowser({ SIMULATOR: 'on', SIM_DRIVERS: '80' })), 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  it('lists the fleet, counts add up, a status filter shows only that status, speed sorts', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    // The simulated day has shifts: wait until a good part of the fleet is out.
    let n = 0;
    await expect.poll(async () => (n = ((await (await fetch(`${app.url}/api/drivers`)).json()) as DriversBody).drivers.length), { timeout: 20_000 }).toBeGreaterThan(20);
    await page.goto('/drivers');
    const rows = page.locator('[data-testid=drivers-table] tbody tr');
    const count = async (s: string) => Number(await page.locator(`[data-filter=${s}] span`).last().textContent());
    await expect.poll(() => count('all'), { timeout: 10_000 }).toBeGreaterThanOrEqual(n);
    const all = await count('all');
    expect(await rows.count()).toBe(Math.min(all, 50));
    const perStatus = await Promise.all(['idle', 'to_pickup', 'to_dropoff', 'offline'].map(count));
    expect(perStatus.reduce((a, b) => a + b, 0)).toBe(all);
    expect(await page.getByText(`Page 1 of 2`).count()).toBe(all > 50 ? 1 : 0);
    await screenshot(page, 'drivers-table-fleet');

    // The busiest status: every row shown carries its chip.
    const status = (['idle', 'to_pickup', 'to_dropoff'] as const)[perStatus.slice(0, 3).indexOf(Math.max(...perStatus.slice(0, 3)))];
    await page.locator(`[data-filter=${status}]`).click();
    const chips = () => rows.locator('[data-status]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    await expect.poll(async () => new Set(await chips())).toEqual(new Set([status]));

    await page.locator(`[data-filter=all]`).click();
    await page.locator('th', { hasText: 'Speed' }).getByRole('button').click();
    await page.locator('th', { hasText: 'Speed' }).getByRole('button').click();
    expect(page.url()).toContain('sort=speed&dir=desc');
    const speeds = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3].textContent ?? ''));
    const known = speeds.filter((s) => s !== '—').map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(known.length).toBeGreaterThan(10);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
