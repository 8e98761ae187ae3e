import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';

const CSV_HEADER = 'time,ts,created,delivered,cancelled,onTimeRate,etaMaeSeconds,events,online,idle,busy,supply,demand';

describe('chart panel: the day per minute, from the live feed', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => ({ app, browser } = await startAppAndBrowser({ SIMULATOR: 'on', SIM_DRIVERS: '80' })), 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  it('draws a line per series, a tooltip with units on hover, and switches ranges', { timeout: 90_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    const panel = page.getByTestId('chart-panel');
    await expect.poll(async () => Number(await panel.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(5);

    // Every chart draws each of its series as a path with a shape.
    const expectedLines = { orders: 3, drivers: 3, supply: 2, 'on-time': 1, eta: 1 };
    for (const [id, n] of Object.entries(expectedLines)) {
      const curves = page.getByTestId(`chart-${id}`).locator('path.recharts-line-curve');
      await expect.poll(() => curves.count(), { timeout: 30_000 }).toBe(n);
    }
    const d = await page.getByTestId('chart-drivers').locator('path.recharts-line-curve').first().getAttribute('d');
    expect(d?.split(/[LC]/).length).toBeGreaterThan(5);
    // The legend shows the newest value with its unit; the fleet has drivers online.
    expect(await page.getByTestId('chart-drivers').locator('figcaption').textContent()).toMatch(/Online [1-9]\d* drivers/);

    // Hovering the middle of a chart shows that minute's values with units.
    const surface = page.getByTestId('chart-drivers').locator('svg.recharts-surface');
    await surface.scrollIntoViewIfNeeded();
    const box = (await surface.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const tooltip = page.getByTestId('chart-drivers').getByTestId('chart-tooltip');
    await expect.poll(() => tooltip.isVisible(), { timeout: 5000 }).toBe(true);
    const tip = (await tooltip.textContent()) ?? '';
    expect(tip).toMatch(/^\d\d:\d\d/);
    expect(tip).toMatch(/Online\d+ drivers/);
    expect(tip).toMatch(/Busy\d+ drivers/);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await screenshot(page, 'charts-tooltip');

    const before = Number(await panel.getAttribute('data-points'));
    await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '1 h' }).click();
    await expect.poll(async () => Number(await panel.getAttribute('data-points'))).toBeLessThanOrEqual(60);
    expect(before).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('downloads the minutes shown as CSV, named by date, one row a minute', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    const panel = page.getByTestId('chart-panel');
    await expect.poll(async () => Number(await panel.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(5);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const shown = Number(await panel.getAttribute('data-points'));
    expect(download.suggestedFilename()).toMatch(/^fleet-series-\d{4}-\d{2}-\d{2}-\d{4}-\d{4}\.csv$/);
    const lines = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    // The series may have gained a minute between the click and reading the count.
    expect(lines.length - 1).toBeGreaterThanOrEqual(shown - 1);
    expect(lines.length - 1).toBeLessThanOrEqual(shown);
    const ts = lines.slice(1).map((l) => Number(l.split(',')[1]));
    for (let i = 1; i < ts.length; i++) expect(ts[i] - ts[i - 1]).toBe(60_000);
    // The file's minutes are the server's: the same rows as its own CSV of that stretch.
    const server = await (await fetch(`${app.url}/api/series?format=csv&from=${ts[0]}&to=${ts[0] + 60_000}`)).text();
    expect(server.split('\n')[1].split(',').slice(0, 3)).toEqual(lines[1].split(',').slice(0, 3));
    // The file name carries the first and last minute of the file.
    const hm = (t: number) => new Date(t).toISOString().slice(11, 16).replace(':', '');
    expect(download.suggestedFilename()).toContain(`-${hm(ts[0])}-${hm(ts[ts.length - 1])}.csv`);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark, on a laptop and a phone', { timeout: 90_000 }, async () => {
    // One page, its colour scheme and size switched: the charts must follow both without a reload.
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(async () => Number(await page.getByTestId('chart-panel').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(5);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport);
        // The charts follow the theme: the panel's background is the theme's.
        await expect
          .poll(() => page.getByTestId('chart-panel').evaluate((el) => getComputedStyle(el).backgroundColor))
          .toBe(colorScheme === 'dark' ? 'rgb(23, 28, 35)' : 'rgb(255, 255, 255)');
        // ...and the size: each chart is as wide as its column (5 columns on a laptop, 1 on a phone).
        const width = async () => (await page.getByTestId('chart-eta').locator('svg.recharts-surface').boundingBox())?.width ?? 0;
        if (name === 'phone') await expect.poll(width, { timeout: 5000 }).toBeGreaterThan(300);
        else await expect.poll(width, { timeout: 5000 }).toBeLessThan(260);
        await page.getByTestId('chart-panel').scrollIntoViewIfNeeded();
        await screenshot(page, `charts-${colorScheme}-${name}`);
      }
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
