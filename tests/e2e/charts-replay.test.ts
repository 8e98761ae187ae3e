import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../support/app-process';
import { openPage, screenshot } from '../support/browser';
import { startAppOnDays, stopAppOnDays, type TestDay } from './replay-day';

// 14:00-16:00, driver i online from minute i: all 6 out by 14:05.
const DAY: TestDay = { id: 'e2e-charts', label: 'Charts test day · 6 drivers', startTs: Date.UTC(2026, 10, 20, 14), hours: 2, drivers: 6 };

describe('chart panel in replay: the same charts, as of the replay clock', () => {
  let app: AppProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => ({ app, browser, dataDir } = await startAppOnDays([DAY])), 90_000);
  afterAll(() => stopAppOnDays(app, browser, dataDir));

  const clockText = (page: Page) => page.getByTestId('replay-clock').innerText();
  const download = async (page: Page) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = fs.readFileSync((await d.path())!, 'utf8').trimEnd().split('\n');
    return { name: d.suggestedFilename(), times: lines.slice(1).map((l) => l.split(',')[0].slice(11, 16)) };
  };

  it('draws the minutes up to the clock, follows a seek back, and exports them', { timeout: 90_000 }, async () => {
    const { page, consoleErrors, context } = await openPage(browser, app.url);
    await page.goto(`/replay?day=${DAY.id}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => clockText(page), { timeout: 10_000 }).toBe('14:00:00');

    // Shift+→ is ten minutes: 14:30.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => clockText(page)).toBe('14:30:00');
    const panel = page.getByTestId('chart-panel');
    await expect.poll(() => panel.getAttribute('data-points'), { timeout: 5000 }).toBe('31');
    await expect.poll(() => page.getByTestId('chart-drivers').locator('figcaption').textContent(), { timeout: 5000 }).toContain('Online 6 drivers');
    expect(await page.getByTestId('chart-orders').locator('path.recharts-line-curve').count()).toBe(3);
    const at1430 = await download(page);
    expect(at1430.name).toBe('fleet-series-2026-11-20-1400-1430.csv');
    expect(at1430.times[0]).toBe('14:00');
    expect(at1430.times.at(-1)).toBe('14:30');
    expect(at1430.times).toHaveLength(31);
    await page.getByTestId('chart-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'charts-replay');

    // A seek back redraws the charts as of the new clock (the server sends the series anew).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => clockText(page)).toBe('14:20:00');
    await expect.poll(() => panel.getAttribute('data-points'), { timeout: 5000 }).toBe('21');
    const at1420 = await download(page);
    expect(at1420.times.at(-1)).toBe('14:20');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
