import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assigned, created, drive, loc, min, online, sec } from '../support/events';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';

describe('alerts panel: open alerts by kind, each a click away from the map', () => {
  let app: AppProcess;
  let browser: Browser;
  // Ids of this run: a driver that goes quiet, one that keeps driving, one whose GPS jumps, and
  // one 11 km from the pickup of an order promised in 10 minutes.
  const run = Date.now().toString(36);
  const [quiet, busy, jumpy, far, order] = [`${run}-quiet`, `${run}-busy`, `${run}-jumpy`, `${run}-far`, `${run}-o1`];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const events = [
      online(quiet, min(0), 'Quiet Quinn'),
      loc(quiet, min(0), 41.15, -8.61),
      online(busy, min(0), 'Busy Bea'),
      online(jumpy, min(0), 'Jumpy Jo'),
      loc(jumpy, min(5), 41.15, -8.61),
      // 50 km north in 10 s
      loc(jumpy, min(5) + 10_000, 41.6, -8.61),
      online(far, min(0), 'Far Fay'),
      loc(far, min(0), 41.25, -8.61),
      created(order, min(0), { promisedTs: min(10) }),
      assigned(order, sec(1), far),
      loc(far, min(5) + 30_000, 41.25, -8.61),
      // the engine's clock (newest event time) reaches 08:06: the quiet driver's last fix is 6 min old
      ...drive(busy, sec(0), 37),
    ];
    const res = await fetch(`${app.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(res.status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the stale driver with its age, counts per kind, filters by kind', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    const panel = page.getByTestId('alerts-panel');
    const stale = panel.locator(`[data-alert-id="stale_driver:${quiet}"]`);
    await expect.poll(() => stale.textContent(), { timeout: 15_000 }).toContain('Quiet Quinn');
    // stale since 2 min after its last fix (08:00), the clock at 08:06
    expect(await stale.textContent()).toContain('for 4 min');
    expect(await panel.getByTestId('alerts-total').textContent()).toBe('3');
    const chip = (name: RegExp) => panel.getByRole('group', { name: 'Show alerts of kind' }).getByRole('button', { name });
    expect(await chip(/^Stale drivers/).textContent()).toBe('Stale drivers 1');
    expect(await chip(/^GPS jumps/).textContent()).toBe('GPS jumps 1');
    expect(await chip(/^Orders at risk/).textContent()).toBe('Orders at risk 1');
    expect(await chip(/^Undersupplied zones/).isDisabled()).toBe(true);

    await chip(/^GPS jumps/).click();
    await expect.poll(() => panel.getByTestId('alert').count()).toBe(1);
    expect(await panel.getByTestId('alert').textContent()).toContain('Jumpy Jo');
    await chip(/^All/).click();
    await expect.poll(() => panel.getByTestId('alert').count()).toBe(3);
    await screenshot(page, 'alerts-panel');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('selects the driver and moves the map to it on click, and from the keyboard', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    const panel = page.getByTestId('alerts-panel');
    const stale = panel.locator(`[data-alert-id="stale_driver:${quiet}"]`);
    await expect.poll(() => stale.count(), { timeout: 15_000 }).toBe(1);
    const map = page.locator('.leaflet-container');
    await expect.poll(() => map.count(), { timeout: 15_000 }).toBe(1);

    // The map publishes its centre once a move ends: it should end on the alert's position.
    const centreNear = async (lat: number, lng: number) => {
      const [a, b] = ((await map.getAttribute('data-center')) ?? '0,0').split(',').map(Number);
      return Math.abs(a - lat) < 1e-3 && Math.abs(b - lng) < 1e-3;
    };
    expect(await centreNear(41.15, -8.61)).toBe(false);
    await stale.click();
    await expect.poll(() => panel.getAttribute('data-selected')).toBe(quiet);
    await expect.poll(() => centreNear(41.15, -8.61), { timeout: 5000 }).toBe(true);
    expect(await stale.getAttribute('aria-current')).toBe('true');
    // the map shows the selection too (the map sets data-selected on its container)
    await expect.poll(() => map.getAttribute('data-selected'), { timeout: 5000 }).toBe(quiet);

    // Keyboard: Tab to the GPS jump alert and press Enter.
    const jump = panel.locator(`[data-alert-id="gps_jump:${jumpy}"]`);
    await jump.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getAttribute('data-selected')).toBe(jumpy);
    await expect.poll(() => centreNear(41.6, -8.61), { timeout: 5000 }).toBe(true);
    expect(await jump.getAttribute('aria-current')).toBe('true');
    expect(await stale.getAttribute('aria-current')).toBeNull();
    await expect.poll(() => map.getAttribute('data-selected'), { timeout: 5000 }).toBe(jumpy);

    // An order at risk selects the order's driver (asked of GET /api/orders/:id).
    const risk = panel.locator(`[data-alert-id="order_at_risk:${order}"]`);
    expect(await risk.textContent()).toContain(`Order ${order} is expected`);
    await risk.click();
    await expect.poll(() => panel.getAttribute('data-selected')).toBe(far);
    await expect.poll(() => centreNear(41.25, -8.61), { timeout: 5000 }).toBe(true);
    expect(await risk.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => map.getAttribute('data-selected'), { timeout: 5000 }).toBe(far);
    await screenshot(page, 'alerts-selected');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
