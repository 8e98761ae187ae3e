import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriversBody } from '../../lib/api-types';
import { containerPoint } from '../../lib/map-geometry';
import { openPage, screenshot } from '../support/browser';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';
import { assigned, created, north, online, sec } from '../support/events';

/** Where the map draws (lat, lng) now, in page pixels: from the view it publishes on its container. */
async function pagePoint(page: Page, lat: number, lng: number): Promise<{ x: number; y: number }> {
  const map = page.locator('.leaflet-container');
  const box = (await map.boundingBox())!;
  const [clat, clng] = (await map.getAttribute('data-center'))!.split(',').map(Number);
  const zoom = Number(await map.getAttribute('data-zoom'));
  // clientWidth/Height: the container's inner size, which Leaflet's view is centred in.
  const size = await map.evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const p = containerPoint(lat, lng, { lat: clat, lng: clng }, zoom, size);
  return { x: box.x + 1 + p.x, y: box.y + 1 + p.y };
}

const attr = (page: Page, name: string) => page.locator('.leaflet-container').getAttribute(name);

describe('fleet map with the built-in fleet, tiles blocked', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => ({ app, browser } = await startAppAndBrowser({ SIMULATOR: 'on', SIM_DRIVERS: '80' })), 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  it('serves the simulated city as light, gzipped GeoJSON', async () => {
    const res = await fetch(`${app.url}/api/roads`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    // fetch decodes the body; the raw size is the header's.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(100_000);
    const geo = (await res.json()) as { type: string; features: { geometry: { type: string; coordinates: [number, number][] } }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBeGreaterThan(100);
    expect(JSON.stringify(geo).length).toBeLessThan(400_000);
    for (const f of geo.features) {
      expect(f.geometry.type).toBe('LineString');
      for (const [lng, lat] of f.geometry.coordinates) {
        expect(Math.abs(lat - 41.16)).toBeLessThan(0.1); // Porto, where the fleet drives
        expect(Math.abs(lng + 8.63)).toBeLessThan(0.1);
      }
    }
    const again = await fetch(`${app.url}/api/roads`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const raw = await fetch(`${app.url}/api/roads`, { headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await raw.text()).features.length).toBe(geo.features.length);
  });

  it('draws the city roads when tiles cannot load, under the fleet, in light and dark, wide and narrow', { timeout: 90_000 }, async () => {
    for (const [name, opts] of [
      ['map-offline-roads', {}],
      ['map-offline-roads-dark', { colorScheme: 'dark' as const }],
      ['map-offline-roads-phone', { viewport: { width: 390, height: 844 } }],
    ] as const) {
      const { page, consoleErrors, context } = await openPage(browser, app.url, opts);
      await page.goto('/');
      await expect.poll(() => attr(page, 'data-basemap'), { timeout: 15_000 }).toBe('roads');
      await expect.poll(async () => Number(await attr(page, 'data-roads')), { timeout: 15_000 }).toBeGreaterThan(100);
      const roadPaths = page.locator('.leaflet-roads-pane path');
      expect(await roadPaths.count()).toBeGreaterThan(100);
      await expect.poll(async () => Number(await attr(page, 'data-vehicles')), { timeout: 20_000 }).toBeGreaterThan(20);
      await expect.poll(() => page.locator('.leaflet-control-attribution').textContent()).toContain('roads');
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
      await screenshot(page, name);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });

  it('toggles the supply/demand hexagons from the legend and switches what they show', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('live');
    const hexes = page.locator('.leaflet-hexes-pane path');
    expect(await hexes.count()).toBe(0);
    await page.getByTestId('hex-toggle').check();
    await expect.poll(() => hexes.count(), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(Number(await attr(page, 'data-hexes'))).toBe(await hexes.count());
    // Hovering a zone tells its figures (unless a vehicle is right there: try a few zones).
    const zoneTip = page.getByTestId('zone-tooltip');
    let told = '';
    for (let i = 0; i < Math.min(6, await hexes.count()) && !told; i++) {
      const b = (await hexes.nth(i).boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      if (await zoneTip.isVisible()) told = (await zoneTip.textContent()) ?? '';
    }
    expect(told).toMatch(/^Zone · \d+ idle drivers? · \d+ waiting orders? · surge ×\d\.\d$/);
    await page.mouse.move(5, 5);
    const legend = page.getByTestId('map-legend');
    await expect.poll(() => legend.textContent()).toContain('Demand (unassigned orders)');
    await page.getByRole('radio', { name: 'Supply' }).click();
    expect(await page.getByRole('radio', { name: 'Supply' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => legend.textContent()).toContain('Supply (idle drivers)');
    // Three idle drivers in one zone and one in another (the simulated fleet may have none idle
    // right now): with supply shown, the hexagons are not all one colour.
    const now = Date.now();
    const idle = [
      ...['a', 'b', 'c'].map((k) => [`hex-${k}`, 41.1601, -8.6011] as const),
      ['hex-d', 41.1402, -8.6405] as const,
    ].flatMap(([id, lat, lng]) => [online(id, now - 2000), { type: 'location', driverId: id, ts: now - 1000, lat, lng }]);
    const ingest = await fetch(`${app.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(idle) });
    expect(ingest.status).toBe(200);
    await expect.poll(async () => new Set(await hexes.evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')))).size, { timeout: 10_000 }).toBeGreaterThan(1);
    await page.getByRole('radio', { name: 'Surge' }).click();
    await expect.poll(() => legend.textContent()).toContain('Surge multiplier');
    await screenshot(page, 'map-hexes-surge');
    await page.getByTestId('hex-toggle').uncheck();
    await expect.poll(() => hexes.count()).toBe(0);
    expect(await attr(page, 'data-hexes')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('clusters the fleet when zoomed out and comes apart zoomed in', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(async () => Number(await attr(page, 'data-vehicles')), { timeout: 20_000 }).toBeGreaterThan(20);
    await expect.poll(() => attr(page, 'data-vehicle-mode')).toBe('vehicles');
    await page.locator('.leaflet-control-zoom-out').click();
    await expect.poll(() => attr(page, 'data-zoom')).toBe('12');
    await page.locator('.leaflet-control-zoom-out').click();
    await expect.poll(() => attr(page, 'data-zoom')).toBe('11');
    await expect.poll(() => attr(page, 'data-vehicle-mode')).toBe('clusters');
    const clusters = Number(await attr(page, 'data-clusters'));
    expect(clusters).toBeGreaterThan(0);
    expect(clusters).toBeLessThan(Number(await attr(page, 'data-vehicles')));
    await screenshot(page, 'map-clusters');
    await page.locator('.leaflet-control-zoom-in').click();
    await expect.poll(() => attr(page, 'data-vehicle-mode')).toBe('vehicles');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('fleet map selection, from literal events', () => {
  let app: AppProcess;
  let browser: Browser;
  const run = Date.now().toString(36);
  const [d1, d2, o1] = [`${run}-d1`, `${run}-d2`, `${run}-o1`];

  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    // d1 drives north for 3 minutes and is assigned o1 (pickup further north, drop-off north-east);
    // d2 stands 1.5 km away.
    const events = [
      online(d1, sec(0), 'Ana'),
      online(d2, sec(0), 'Bo'),
      ...north(d1, sec(1), 19, 10, 0.0005, 41.15, -8.62),
      { type: 'location', driverId: d2, ts: sec(5), lat: 41.15, lng: -8.6 },
      created(o1, sec(100), { pickup: { lat: 41.17, lng: -8.62 }, dropoff: { lat: 41.175, lng: -8.61 } }),
      assigned(o1, sec(110), d1),
      { type: 'location', driverId: d1, ts: sec(191), lat: 41.1596, lng: -8.62 },
    ];
    const res = await fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
  }, 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  it('clicking a vehicle selects it: trail, pickup and drop-off with the ETA; Escape clears', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(() => attr(page, 'data-vehicles'), { timeout: 15_000 }).toBe('2');
    const drivers = (await (await fetch(`${app.url}/api/drivers`)).json()) as DriversBody;
    const me = drivers.drivers.find((d) => d.id === d1)!;
    const at = await pagePoint(page, me.lat!, me.lng!);

    // Hover: a tooltip names the driver (asked of the server: the frames carry ids) and its status.
    await page.mouse.move(at.x, at.y);
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain(`Ana (${d1})`);
    expect(await tip.textContent()).toContain('to pickup');

    await page.mouse.click(at.x, at.y);
    await expect.poll(() => attr(page, 'data-selected')).toBe(d1);
    await expect.poll(async () => Number(await attr(page, 'data-trail')), { timeout: 10_000 }).toBe(20);
    expect(await page.locator('.leaflet-trail-pane path').count()).toBe(2); // the trail and the leg to the pickup
    await expect.poll(() => attr(page, 'data-stops')).toBe('pickup,dropoff');
    expect(await page.locator('.leaflet-marker-pane [title="Pickup"]').count()).toBe(1);
    expect(await page.locator('.leaflet-marker-pane [title="Drop-off"]').count()).toBe(1);
    const eta = page.locator('.leaflet-tooltip-pane').getByText(/^ETA \d\d:\d\d \((\d+ min|now)\)$/);
    await expect.poll(() => eta.count()).toBe(1);
    expect(await attr(page, 'data-eta')).toBe(await eta.textContent());
    await page.mouse.move(at.x + 200, at.y + 150);
    await screenshot(page, 'map-selected-driver');

    await page.keyboard.press('Escape');
    await expect.poll(() => attr(page, 'data-selected')).toBeNull();
    expect(await page.locator('.leaflet-marker-pane [title="Pickup"]').count()).toBe(0);
    expect(await page.locator('.leaflet-trail-pane path').count()).toBe(0);

    // The other vehicle: selected too, and a click on empty map clears it.
    const other = drivers.drivers.find((d) => d.id === d2)!;
    const p2 = await pagePoint(page, other.lat!, other.lng!);
    await page.mouse.click(p2.x, p2.y);
    await expect.poll(() => attr(page, 'data-selected')).toBe(d2);
    expect(await attr(page, 'data-stops')).toBe('');
    await page.mouse.click(p2.x - 120, p2.y + 60);
    await expect.poll(() => attr(page, 'data-selected')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
