import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assigned, created, drive, online, sec } from '../support/events';
import { openPage, screenshot } from '../support/browser';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';

describe('overview page: the KPI strip, pushed over the live socket', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => ({ app, browser } = await startAppAndBrowser()), 90_000);
  afterAll(() => stopAppAndBrowser(app, browser));

  const post = (events: unknown[]) =>
    fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });

  it('shows the counts a producer just sent, and updates them without a reload', async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('live');
    const value = (id: string) => page.getByTestId(id).locator('.value').textContent();
    const before = (await (await fetch(`${app.url}/api/metrics`)).json()) as { drivers: { online: number; idle: number; busy: number }; orders: { open: number }; };
    await expect.poll(() => value('drivers-online')).toBe(String(before.drivers.online));

    // Ids of this run only, so the deltas below hold whatever the server saw before.
    const run = Date.now().toString(36);
    const [d1, d2, o1] = [`${run}-d1`, `${run}-d2`, `${run}-o1`];
    const res = await post([online(d1, sec(0), 'Ana'), online(d2, sec(0), 'Bo'), ...drive(d1, sec(1), 5), created(o1, sec(10)), assigned(o1, sec(20), d1)]);
    expect(res.status).toBe(200);

    await expect.poll(() => value('drivers-online'), { timeout: 5000 }).toBe(String(before.drivers.online + 2));
    expect(await value('drivers-busy')).toBe(String(before.drivers.busy + 1));
    expect(await value('drivers-idle')).toBe(String(before.drivers.idle + 1));
    expect(await value('orders-open')).toBe(String(before.orders.open + 1));
    await screenshot(page, 'overview-live-counts');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
