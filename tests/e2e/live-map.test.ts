import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';
import { sleep } from '../support/sockets';

describe('overview page: the built-in fleet moving on the live map', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => ({ app, browser } = await startAppAndBrowser({ SIMULATOR: 'on', SIM_DRIVERS: '80' })), 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  it('draws the fleet without map tiles, and the vehicles move between two looks', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    const map = page.locator('.leaflet-container');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('live');
    await expect.poll(async () => Number(await map.getAttribute('data-vehicles')), { timeout: 20_000 }).toBeGreaterThan(20);

    const canvas = map.locator('canvas').first();
    const first = await canvas.screenshot();
    await sleep(12_000); // every vehicle has sent a new fix (one every 10 s) and glided to it
    const second = await canvas.screenshot();
    expect(second.equals(first)).toBe(false);
    await screenshot(page, 'overview-live-map');
    // Tile requests are blocked here (as offline): the page works on without them.
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
