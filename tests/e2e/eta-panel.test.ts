import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../lib/events';
import { clockTime } from '../../components/kpi/format';
import type { AppProcess } from '../support/app-process';
import { openPage, screenshot } from '../support/browser';
import { assigned, created, delivered, drive, loc, min, online, pickedUp, sec } from '../support/events';
import { startAppOnDays, stopAppOnDays, testDayEvents, type TestDay } from './replay-day';

const sortByTs = <E extends { ts: number }>(events: E[]) => events.sort((x, y) => x.ts - y.ts);

const DAY: TestDay = { id: 'e2e-eta', label: 'ETA test day · 6 drivers', startTs: Date.UTC(2026, 10, 20, 8), hours: 2, drivers: 6 };

describe('ETA accuracy panel', () => {
  let app: AppProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => ({ app, browser, dataDir } = await startAppOnDays([DAY])), 90_000);
  afterAll(() => stopAppOnDays(app, browser, dataDir));

  const post = (events: unknown[]) =>
    fetch(`${app.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: events.map((e) => JSON.stringify(e)).join('\n') });

  /** Three drivers: two deliver three trips between them, the third is on its way to a pickup. In time order (none late). */
  const liveEvents = () => sortByTs([
    ...['a', 'b', 'c'].map((d) => online(d, sec(0), `Driver ${d.toUpperCase()}`)),
    ...drive('a', sec(1), 60, 10, 30),
    ...drive('b', sec(2), 60, 10, 24, 41.16),
    ...drive('c', sec(3), 60, 10, 20, 41.14),
    ...[
      ['t1', 'a', 0],
      ['t2', 'b', 1],
      ['t3', 'a', 5],
    ].flatMap(([id, d, m]) => [created(id as string, min(m as number)), assigned(id as string, min(m as number) + 5000, d as string), pickedUp(id as string, min((m as number) + 1)), delivered(id as string, min((m as number) + 3))]),
    created('open-1', min(8)),
    assigned('open-1', min(8) + 5000, 'c'),
    // the clock moves on past the allowed lateness: the last pickups' ETAs are captured and scored
    loc('a', min(12), 41.15, -8.6),
  ]);

  const panel = (page: Page) => page.getByTestId('eta-panel');

  it('live: the MAE of the delivered trips, the open order with its ETA, the deliveries predicted vs actual', { timeout: 90_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => panel(page).getByTestId('eta-mae').textContent(), { timeout: 5000 }).toBe('—');
    expect((await post(liveEvents())).status).toBe(200);

    await expect.poll(() => panel(page).getByTestId('eta-samples').textContent(), { timeout: 5000 }).toBe('3');
    expect(await panel(page).getByTestId('eta-mae').textContent()).toMatch(/^\d+(\.\d)? (s|min)$/);
    expect(await panel(page).getByTestId('eta-model').textContent()).toBe('Road network (v2)');
    // Bars of MAE and p90 for the horizons that have deliveries.
    await expect.poll(() => panel(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    // Open orders: the predicted arrival, no actual arrival column (live cannot know it).
    const open = panel(page).getByTestId('eta-open');
    await expect.poll(() => open.locator('tbody tr').count()).toBe(1);
    expect(await open.locator('tbody tr th').textContent()).toBe('open-1');
    expect(await open.getByTestId('eta-predicted').textContent()).toMatch(/^\d\d:\d\d:\d\d/);
    expect(await open.locator('thead th', { hasText: 'Actual' }).count()).toBe(0);
    await panel(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'eta-panel-live-light');

    // Recent deliveries: the at-pickup prediction beside the actual delivery, with the error.
    await panel(page).getByRole('button', { name: /Recent deliveries/ }).click();
    const done = panel(page).getByTestId('eta-delivered');
    expect(await done.locator('tbody tr th').allTextContents()).toEqual(['t3', 't2', 't1']);
    expect(await done.getByTestId('eta-actual').allTextContents()).toEqual([clockTime(min(8)), clockTime(min(4)), clockTime(min(3))]);
    for (const e of await done.getByTestId('eta-error').allTextContents()) expect(e).toMatch(/^([+−]\d+(\.\d)? (s|min)|0 s)$/);
    await screenshot(page, 'eta-panel-live-deliveries');
    expect(consoleErrors).toEqual([]);
    await context.close();

    for (const [name, opts] of [
      ['eta-panel-live-dark', { colorScheme: 'dark' as const }],
      ['eta-panel-live-phone', { viewport: { width: 390, height: 844 } }],
      ['eta-panel-live-phone-dark', { colorScheme: 'dark' as const, viewport: { width: 390, height: 844 } }],
    ] as const) {
      const v = await openPage(browser, app.url, opts);
      await v.page.goto('/');
      await expect.poll(() => panel(v.page).getByTestId('eta-samples').textContent(), { timeout: 20_000 }).toBe('3');
      await panel(v.page).scrollIntoViewIfNeeded();
      await screenshot(v.page, name);
      expect(v.consoleErrors).toEqual([]);
      await v.context.close();
    }
  });

  it('replay: each open order as predicted at the replay clock beside its recorded arrival', { timeout: 90_000 }, async () => {
    const recorded = new Map<string, OrderEvent[]>();
    for (const e of testDayEvents(DAY)) if (e.type === 'order') recorded.set(e.orderId, [...(recorded.get(e.orderId) ?? []), e]);
    const { page, consoleErrors, context } = await openPage(browser, app.url, { colorScheme: 'dark' });
    await page.goto(`/replay?day=${DAY.id}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => page.getByTestId('replay-clock').innerText(), { timeout: 10_000 }).toBe('08:00:00');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.getByTestId('replay-clock').innerText()).toBe('08:10:00');

    const rows = panel(page).getByTestId('eta-open').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await panel(page).getByTestId('eta-open').locator('caption').textContent()).toContain('as predicted at the replay clock');
    for (const row of await rows.all()) {
      const id = (await row.getAttribute('data-order'))!;
      const stop = await row.locator('td').nth(1).textContent();
      const arrival = recorded.get(id)!.find((e) => e.status === (stop === 'pickup' ? 'picked_up' : 'delivered'))!;
      // The recorded arrival, still in the future of the replay clock, beside the prediction and the error.
      expect(await row.getByTestId('eta-actual').textContent()).toBe(clockTime(arrival.ts));
      expect(arrival.ts).toBeGreaterThan(DAY.startTs + 10 * 60_000);
      expect(await row.getByTestId('eta-predicted').textContent()).toMatch(/^\d\d:\d\d:\d\d/);
      expect(await row.getByTestId('eta-error').textContent()).toMatch(/^([+−]\d+(\.\d)? (s|min|h)|0 s)$/);
    }
    await panel(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'eta-panel-replay-dark');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
