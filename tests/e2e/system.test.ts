import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, delivered, drive, loc, min, online, sec, withId } from '../support/events';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';

describe('system page: ingest, serving and dead letters', () => {
  let app: AppProcess;
  let browser: Browser;

  const post = (events: unknown[]) =>
    fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    // A fresh server (SIMULATOR off): every count below is caused here.
    expect((await post([online('d1', min(0)), ...drive('d1', min(0), 10), created('o1', min(1)), delivered('o1', min(1) + 30_000)])).status).toBe(200);
    const dup = withId(online('d2', min(5)), 'retry-1');
    const second = await post([
      dup,
      dup, // a retry: a duplicate
      { type: 'location', driverId: 'd3', ts: min(5), lat: 91, lng: 0 }, // rejected
      ...drive('d1', min(5), 3), // the clock moves past o1's delivered: it can never apply
      loc('d1', sec(45) + 500, 41.15, -8.64), // far behind the newest: late
    ]);
    expect(second.status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const value = async (page: import('playwright-core').Page, id: string) => (await page.getByTestId(id).locator('span').first().textContent())?.trim();

  it('shows the late, rejected and duplicate counts, the dead letter with its reason and event', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/system');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => value(page, 'sys-rejected'), { timeout: 10_000 }).toBe('1');
    expect(await value(page, 'sys-duplicates')).toBe('1');
    expect(await value(page, 'sys-late')).toBe('1');
    expect(await value(page, 'sys-dead-letters')).toBe('1');

    const letter = page.getByTestId('dead-letter');
    await expect.poll(() => letter.count(), { timeout: 10_000 }).toBe(1);
    expect(await letter.textContent()).toContain('order o1 delivered');
    expect(await letter.textContent()).toContain('order o1: cannot go from created to delivered');
    // The event itself opens below it.
    const json = letter.locator('pre');
    expect(await json.isVisible()).toBe(false);
    await letter.locator('summary').click();
    await expect.poll(() => json.isVisible()).toBe(true);
    expect(JSON.parse((await json.textContent())!)).toMatchObject({ type: 'order', orderId: 'o1', status: 'delivered' });
    await screenshot(page, 'system-light-desktop');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows this page among the connected viewers, ingest latency and the log on disk', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/system');
    await expect.poll(() => page.getByTestId('system-meta').textContent(), { timeout: 15_000 }).toMatch(/^embedded mode · up \d+/);
    // this page's own socket is a live viewer
    await expect.poll(() => value(page, 'sys-clients'), { timeout: 10_000 }).toBe('1 / 0');
    expect(await value(page, 'sys-latency-http')).toMatch(/^[\d.]+ (ms|s) \/ [\d.]+ (ms|s)$/);
    expect(await page.getByTestId('sys-latency-http').getAttribute('title')).toBe('2 requests');
    expect(await value(page, 'sys-log')).toMatch(/^\d+(\.\d)? (B|KB|MB) · 1 seg\.$/);
    expect(await value(page, 'sys-memory')).toMatch(/MB \/ .*MB$/);
    // the ingest chart draws the minutes the events were for (08:00-08:05 of event time)
    const chart = page.getByTestId('chart-events');
    await expect.poll(() => chart.locator('path.recharts-line-curve').count(), { timeout: 5000 }).toBe(1);
    // 08:00 had the driver online and six fixes: the y axis reaches that
    const yTicks = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(Number);
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(7);
    expect(await chart.locator('.recharts-xAxis-tick-labels').textContent()).toContain('08:0');
    // A second viewer shows up within a poll.
    const other = await openPage(browser, app.url);
    await other.page.goto('/system');
    await expect.poll(() => value(page, 'sys-clients'), { timeout: 10_000 }).toBe('2 / 0');
    await other.context.close();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark, on a laptop and a phone', { timeout: 90_000 }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
        const { page, consoleErrors, context } = await openPage(browser, app.url, { colorScheme, viewport });
        await page.goto('/system');
        await expect.poll(() => page.getByTestId('dead-letter').count(), { timeout: 10_000 }).toBe(1);
        await expect.poll(() => value(page, 'sys-rejected'), { timeout: 10_000 }).toBe('1');
        await expect.poll(() => value(page, 'sys-clients'), { timeout: 10_000 }).toBe('1 / 0');
        await expect.poll(() => page.getByTestId('chart-events').locator('path.recharts-line-curve').count(), { timeout: 10_000 }).toBe(1);
        await page.getByTestId('dead-letter').locator('summary').click();
        await screenshot(page, `system-${colorScheme}-${name}`);
        expect(consoleErrors).toEqual([]);
        await context.close();
      }
    }
  });
});
