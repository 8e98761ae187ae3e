import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriversBody } from '../../lib/api-types';
import type { FleetEvent } from '../../lib/events';
import { DayStore } from '../../server/days/day-store';
import { assigned, created, delivered, loc, north, online, pickedUp, sec } from '../support/events';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';

/** Where Leaflet draws (lat, lng) on the page, from the view the map publishes on its element. */
async function pagePoint(page: Page, lat: number, lng: number): Promise<{ x: number; y: number }> {
  const map = page.locator('.leaflet-container').first();
  const box = (await map.boundingBox())!;
  const [clat, clng] = (await map.getAttribute('data-center'))!.split(',').map(Number);
  const zoom = Number(await map.getAttribute('data-zoom'));
  const size = await map.evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const world = 256 * 2 ** zoom;
  const project = (la: number, ln: number) => {
    const s = Math.sin((la * Math.PI) / 180);
    return { x: ((ln + 180) / 360) * world, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world };
  };
  const p = project(lat, lng);
  const c = project(clat, clng);
  return { x: box.x + 1 + size.width / 2 + (p.x - c.x), y: box.y + 1 + size.height / 2 + (p.y - c.y) };
}

describe("dashboard: the selected driver's side panel", () => {
  let app: AppProcess;
  let browser: Browser;
  const run = Date.now().toString(36);
  const d1 = `${run}-d1`;
  const [o1, o2] = [`${run}-o1`, `${run}-o2`];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    // Eva drives north for 10 minutes, delivers one order and is on her way to a second pickup.
    const events: { ts: number }[] = [
      online(d1, sec(0), 'Eva Matos'),
      ...north(d1, sec(1), 61, 10, 0.0004, 41.15, -8.62),
      created(o1, sec(30), { promisedTs: sec(900) }),
      assigned(o1, sec(40), d1),
      pickedUp(o1, sec(120)),
      delivered(o1, sec(400)),
      created(o2, sec(450), { pickup: { lat: 41.18, lng: -8.62 }, dropoff: { lat: 41.19, lng: -8.61 }, promisedTs: sec(2400) }),
      assigned(o2, sec(460), d1),
    ];
    const res = await fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.sort((a, b) => a.ts - b.ts).map((e) => JSON.stringify(e)).join('\n'),
    });
    if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`opens on a vehicle click with figures, sparkline, details and the drill-down link (${scheme})`, { timeout: 60_000 }, async () => {
      const { page, consoleErrors, context } = await openPage(browser, app.url, { colorScheme: scheme });
      await page.goto('/');
      const panel = page.getByTestId('driver-panel');
      expect(await panel.count()).toBe(0); // nothing selected: no panel
      await expect.poll(() => page.locator('.leaflet-container').first().getAttribute('data-vehicles'), { timeout: 15_000 }).toBe('1');
      const me = ((await (await fetch(`${app.url}/api/drivers`)).json()) as DriversBody).drivers[0];
      const at = await pagePoint(page, me.lat!, me.lng!);
      await page.mouse.click(at.x, at.y);

      await expect.poll(() => panel.isVisible(), { timeout: 5000 }).toBe(true);
      await expect.poll(() => panel.textContent()).toContain('Eva Matos');
      expect(await panel.locator('[data-status]').first().textContent()).toBe('to pickup');
      expect(await panel.getByTestId('panel-order').textContent()).toContain(o2);
      expect(await panel.locator('[data-stat=deliveries] span').first().textContent()).toBe('1');
      expect(await panel.locator('[data-stat=onTimeRate] span').first().textContent()).toBe('100%');
      expect(await panel.getByTestId('speed-sparkline').locator('path').count()).toBe(2);
      await screenshot(page, `driver-panel-${scheme}`);

      // Details: the whole drill-down over the page (replay's drill-down is this same dialog).
      await panel.getByRole('button', { name: 'Details' }).click();
      const dialog = page.getByTestId('driver-dialog');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.locator(`[data-testid=driver-orders] tr[data-order="${o1}"] td`).last().textContent()).toBe('on time');
      await expect.poll(async () => Number(await dialog.getByTestId('driver-map').getAttribute('data-trail-points')), { timeout: 10_000 }).toBe(61);
      expect(await dialog.locator('[data-testid=status-timeline] [data-status]').count()).toBeGreaterThan(2);
      await screenshot(page, `driver-panel-details-${scheme}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);

      // The live panel links to the driver's own page; back on the dashboard, × closes the panel.
      await panel.getByRole('link', { name: /Open drill-down/ }).click();
      await page.waitForURL(`**/drivers/${d1}`);
      await expect.poll(() => page.getByTestId('driver-title').textContent(), { timeout: 10_000 }).toBe('Eva Matos');
      await page.goBack();
      await page.waitForURL((u) => u.pathname === '/');
      await expect.poll(() => page.locator('.leaflet-container').first().getAttribute('data-vehicles'), { timeout: 15_000 }).toBe('1');
      const again = await pagePoint(page, me.lat!, me.lng!);
      await page.mouse.click(again.x, again.y);
      await expect.poll(() => panel.isVisible(), { timeout: 5000 }).toBe(true);
      await panel.getByRole('button', { name: 'Close the driver panel' }).click();
      await expect.poll(() => panel.count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('replay: the driver panel is the drill-down, as of the replay clock', () => {
  let app: AppProcess;
  let browser: Browser;
  let dataDir: string;
  const DAY = 'e2e-drivers-day';
  const start = Date.UTC(2026, 10, 23, 8);
  const at = (m: number) => start + m * 60_000;
  // One driver circling the centre for 30 minutes; one order delivered on time, one assigned.
  const fixes = Array.from({ length: 91 }, (_, i) => {
    const a = i * 0.05;
    return loc('rp-1', start + i * 20_000, Math.round((41.1579 + 0.01 * Math.sin(a)) * 1e6) / 1e6, Math.round((-8.6291 + 0.013 * Math.cos(a)) * 1e6) / 1e6);
  });
  const last = fixes[fixes.length - 1];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-drivers-replay-'));
    const events: FleetEvent[] = [
      online('rp-1', start, 'Rita Pires'),
      ...fixes,
      created('rp-o1', at(1), { promisedTs: at(30) }),
      assigned('rp-o1', at(2), 'rp-1'),
      pickedUp('rp-o1', at(5)),
      delivered('rp-o1', at(15)),
      created('rp-o2', at(16), { promisedTs: at(50) }),
      assigned('rp-o2', at(17), 'rp-1'),
    ].sort((a, b) => a.ts - b.ts);
    const store = new DayStore(path.join(dataDir, 'days'), () => {
      throw new Error('only imported days here');
    });
    fs.mkdirSync(store.dir, { recursive: true });
    await store.addImported(DAY, 'Drivers test day', `${DAY}.ndjson`, events, () => 0);
    [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a vehicle click opens the panel; Details shows stats, trail, timeline and orders; no live link', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto(`/replay?day=${DAY}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => page.getByTestId('replay-play').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('End'); // the end of the day: 08:30
    await expect.poll(() => page.getByTestId('replay-clock').innerText(), { timeout: 10_000 }).toBe('08:30:00');
    await expect.poll(() => page.locator('.leaflet-container').first().getAttribute('data-vehicles'), { timeout: 10_000 }).toBe('1');
    // After the seek the marker glides (under a second) from where it was to its 08:30 fix.
    const panel = page.getByTestId('driver-panel');
    await expect
      .poll(async () => {
        const p = await pagePoint(page, last.lat, last.lng);
        await page.mouse.click(p.x, p.y);
        return panel.isVisible();
      }, { timeout: 10_000, interval: 500 })
      .toBe(true);
    await expect.poll(() => panel.textContent()).toContain('Rita Pires');
    expect(await panel.locator('[data-status]').first().textContent()).toBe('to pickup');
    expect(await panel.locator('[data-stat=deliveries] span').first().textContent()).toBe('1');
    expect(await panel.getByRole('link', { name: /Open drill-down/ }).count()).toBe(0);

    await panel.getByRole('button', { name: 'Details' }).click();
    const dialog = page.getByTestId('driver-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('[data-testid=driver-orders] tr[data-order="rp-o1"] td').last().textContent()).toBe('on time');
    expect(await dialog.locator('[data-testid=driver-orders] tr[data-order="rp-o2"]').textContent()).toContain('to pickup');
    await expect.poll(async () => Number(await dialog.getByTestId('driver-map').getAttribute('data-trail-points')), { timeout: 10_000 }).toBeGreaterThan(80);
    // The timeline ends at the replay clock, not at the wall clock.
    expect(await dialog.getByTestId('status-timeline').textContent()).toContain('08:30');
    await screenshot(page, 'driver-panel-replay-details');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
