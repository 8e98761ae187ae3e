import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process';
import { ARTIFACTS, launchBrowser, openPage, screenshot } from '../support/browser';
import { sleep } from '../support/sockets';
import { hasPorto } from '../roads/porto-data';
import { addSimulatedDay, addTestDays, type TestDay } from './replay-day';

// Two small imported days (fast to prepare, exact to assert on) beside the app's default
// simulated day, which stays unprepared (SIMULATOR off) until someone opens it.
const MORNING: TestDay = { id: 'e2e-morning', label: 'Test morning · 24 drivers', startTs: Date.UTC(2026, 10, 24, 6), hours: 6, drivers: 24 };
// The short day was driven on Porto's real roads (as `npm run import -- porto` records them).
const SHORT: TestDay = {
  id: 'e2e-short',
  label: 'Test short day · 6 drivers',
  startTs: Date.UTC(2026, 10, 20, 14),
  hours: 2,
  drivers: 6,
  roads: hasPorto ? 'porto' : undefined,
};

const seconds = (hms: string) => {
  const m = /^(\d\d):(\d\d):(\d\d)$/.exec(hms);
  if (!m) throw new Error(`not a clock: "${hms}"`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
};

const clockText = (page: Page) => page.getByTestId('replay-clock').innerText();
const clock = async (page: Page) => seconds(await clockText(page));
const vehicles = async (page: Page) => Number(await page.locator('.leaflet-container').getAttribute('data-vehicles'));
const playButton = (page: Page) => page.getByTestId('replay-play');

/** Opens the page and waits until the replay is connected and its clock shown. */
async function openReplay(page: Page, url: string) {
  await page.goto(url);
  await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => clockText(page), { timeout: 10_000 }).toMatch(/^\d\d:\d\d:\d\d$/);
  await expect.poll(() => playButton(page).isEnabled()).toBe(true);
}

async function pause(page: Page) {
  if ((await playButton(page).getAttribute('aria-label')) === 'Pause') await playButton(page).click();
  await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
}

describe('replay page: a recorded day through the live dashboard', () => {
  let app: AppProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-replay-'));
    await addTestDays(dataDir, [MORNING, SHORT]);
    addSimulatedDay(dataDir, 'sim-tiny', 'Simulated day · 3 drivers', 3, '2026-11-23');
    [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, REPLAY_MAX_SESSIONS: '2', REPLAY_IDLE_MINUTES: '1' }), launchBrowser()]);
  }, 90_000);
  // Closed even when a test fails: an open page keeps its replay session (there are only 2 here).
  let contexts: BrowserContext[] = [];
  const open = async (opts?: Parameters<typeof openPage>[2]) => {
    const opened = await openPage(browser, app.url, opts);
    contexts.push(opened.context);
    return opened;
  };
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the first ready day at its start, names it in the URL, and draws its demand curve', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, '/replay');
    expect(new URL(page.url()).searchParams.get('day')).toBe(MORNING.id);
    expect(await clockText(page)).toBe('06:00:00');
    await expect.poll(() => page.getByTestId('replay-bar').innerText()).toContain('Tuesday 24 November 2026');
    // The picker lists every day; the simulated one is not prepared yet.
    const options = await page.getByTestId('replay-day').locator('option').allInnerTexts();
    expect(options).toEqual([
      expect.stringContaining(MORNING.label),
      expect.stringContaining(SHORT.label),
      expect.stringMatching(/Simulated day · seed 1.*not prepared yet/),
      expect.stringMatching(/Simulated day · 3 drivers.*not prepared yet/),
    ]);
    // The curve behind the scrubber, and the slider's value for assistive technology.
    await expect.poll(() => page.locator('[data-testid=replay-scrubber] path').getAttribute('d'), { timeout: 10_000 }).toMatch(/^M0,100 L0,/);
    const slider = page.getByRole('slider', { name: 'Replay position' });
    expect(Number(await slider.getAttribute('aria-valuenow'))).toBe(MORNING.startTs);
    expect(await slider.getAttribute('aria-valuetext')).toBe('06:00:00, Tuesday 24 November 2026');
    // Only driver 0 has appeared at 06:00.
    await expect.poll(() => vehicles(page)).toBe(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('play advances the clock, pause holds it', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    const start = await clock(page);
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => clock(page), { timeout: 10_000 }).toBeGreaterThan(start + 30);
    await pause(page);
    const held = await clockText(page);
    await sleep(1200);
    expect(await clockText(page)).toBe(held);
    expect(seconds(held)).toBeGreaterThan(start);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('seeking by a click on the scrubber and by the arrow keys jumps the clock and changes the map', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    await expect.poll(() => vehicles(page)).toBe(1);

    // → is one minute: driver 1 appears at 06:01; Shift+→ is ten: drivers 2..11 by 06:11.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => clockText(page)).toBe('06:01:00');
    await expect.poll(() => vehicles(page)).toBe(2);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => clockText(page)).toBe('06:11:00');
    await expect.poll(() => vehicles(page)).toBe(12);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => clockText(page)).toBe('06:10:00');
    await expect.poll(() => vehicles(page)).toBe(11);

    // A click in the middle of the 06:00-12:00 day seeks to about 09:00, when all 24 are out.
    const canvas = page.locator('.leaflet-container canvas').first();
    const before = await canvas.screenshot();
    const box = (await page.getByTestId('replay-scrubber').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('replay-hover-time').innerText()).toMatch(/^0(8:5\d|9:0\d):\d\d$/);
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => clock(page)).toBeGreaterThan(seconds('08:55:00'));
    expect(await clock(page)).toBeLessThan(seconds('09:05:00'));
    await expect.poll(() => vehicles(page)).toBe(24);
    await expect.poll(async () => (await canvas.screenshot()).equals(before)).toBe(false);
    // Still paused: a seek does not start playing.
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');

    // Home goes back to the start of the day.
    await page.keyboard.press('Home');
    await expect.poll(() => clockText(page)).toBe('06:00:00');
    await expect.poll(() => vehicles(page)).toBe(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('dragging shows the time under the pointer and seeks only on release', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    const box = (await page.getByTestId('replay-scrubber').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
    // Mid-drag the clock previews about 10:30 while the map still shows 06:00.
    await expect.poll(() => clock(page)).toBeGreaterThan(seconds('10:25:00'));
    expect(await vehicles(page)).toBe(1);
    await page.mouse.up();
    await expect.poll(() => vehicles(page)).toBe(24);
    expect(await clock(page)).toBeGreaterThan(seconds('10:25:00'));
    expect(await clock(page)).toBeLessThan(seconds('10:35:00'));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a faster speed moves the clock more per real second', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    // Simulated seconds per wall second, measured over about 1.5 s of playing.
    const rate = async () => {
      const c0 = await clock(page);
      const t0 = Date.now();
      await sleep(1500);
      const c1 = await clock(page);
      return (c1 - c0) / ((Date.now() - t0) / 1000);
    };
    await page.getByRole('button', { name: 'Speed 60x' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Speed 60x' }).getAttribute('aria-pressed')).toBe('true');
    await playButton(page).click();
    await expect.poll(() => clock(page)).toBeGreaterThan(seconds('06:00:00'));
    const slow = await rate();
    await page.getByRole('button', { name: 'Speed 3600x' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Speed 3600x' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Speed 60x' }).getAttribute('aria-pressed')).toBe('false');
    const fast = await rate();
    await pause(page);
    expect(slow).toBeGreaterThan(10);
    expect(fast / slow).toBeGreaterThan(10);
    // [ and ] step through the presets.
    await page.keyboard.press('BracketLeft');
    await expect.poll(() => page.getByRole('button', { name: 'Speed 900x' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('BracketRight');
    await expect.poll(() => page.getByRole('button', { name: 'Speed 3600x' }).getAttribute('aria-pressed')).toBe('true');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('Space plays and pauses, also right after clicking a button, but not while typing', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    await page.keyboard.press('Space');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => clock(page)).toBeGreaterThan(seconds('06:00:30'));
    await page.keyboard.press('Space');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    const held = await clockText(page);
    await sleep(800);
    expect(await clockText(page)).toBe(held);

    // The play button keeps focus after a click: Space then toggles once, not twice.
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press('Space');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    await sleep(500);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');

    // Typing a space or an arrow in a text field is typing.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'typing-probe';
      document.querySelector('main')!.prepend(input);
    });
    const before = await clockText(page);
    await page.locator('#typing-probe').focus();
    await page.keyboard.type(' a ');
    await page.keyboard.press('ArrowRight');
    await sleep(800);
    expect(await page.locator('#typing-probe').inputValue()).toBe(' a ');
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
    expect(await clockText(page)).toBe(before);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('picking another day puts it in the URL, and a reload opens that day again, on its own roads', { timeout: 60_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await openReplay(page, '/replay');
    // Tiles are blocked here, as offline: the base map is the day's roads.
    const map = page.locator('.fleet-map');
    await expect.poll(() => map.getAttribute('data-roads-origin'), { timeout: 15_000 }).toBe('generated');
    await page.getByTestId('replay-day').selectOption(SHORT.id);
    await expect.poll(() => new URL(page.url()).searchParams.get('day')).toBe(SHORT.id);
    await expect.poll(() => clockText(page), { timeout: 15_000 }).toBe('14:00:00');
    await expect.poll(() => page.getByTestId('replay-bar').innerText()).toContain('Friday 20 November 2026');
    await page.reload();
    await openReplay(page, page.url());
    expect(new URL(page.url()).searchParams.get('day')).toBe(SHORT.id);
    expect(await clockText(page)).toBe('14:00:00');
    expect(await page.getByTestId('replay-day').inputValue()).toBe(SHORT.id);
    await expect.poll(() => vehicles(page)).toBe(1);
    if (hasPorto) {
      await expect.poll(() => map.getAttribute('data-roads-origin'), { timeout: 15_000 }).toBe('osm');
      expect(Number(await map.getAttribute('data-roads'))).toBeGreaterThan(3000);
      await expect.poll(() => page.locator('.leaflet-control-attribution').innerText()).toContain('Offline base map: OpenStreetMap roads');
      await screenshot(page, 'replay-porto-roads-offline');
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('screenshots: light and dark, desktop and phone', { timeout: 120_000 }, async () => {
    const looks = [
      { name: 'replay-light-1280', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
      { name: 'replay-dark-1280', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
      { name: 'replay-light-390', colorScheme: 'light', viewport: { width: 390, height: 844 } },
      { name: 'replay-dark-390', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
    ] as const;
    for (const look of looks) {
      const { page, consoleErrors, context } = await open(look);
      await openReplay(page, `/replay?day=${MORNING.id}`);
      // Mid-morning, during the first peak, with the played part and the marker visible.
      await page.keyboard.press('End');
      await expect.poll(() => clockText(page)).toBe('12:00:00');
      for (let i = 0; i < 17; i++) await page.keyboard.press('Shift+ArrowLeft');
      await expect.poll(() => clockText(page)).toBe('09:10:00');
      await expect.poll(() => vehicles(page)).toBe(24);
      const box = (await page.getByTestId('replay-scrubber').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await sleep(700); // vehicles glide to their fixes
      await screenshot(page, look.name);
      // The bar alone, at full resolution, to look at closely.
      await page.getByTestId('replay-bar').screenshot({ path: path.join(ARTIFACTS, `${look.name}-bar.png`) });
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });

  it('shows clearly when every replay session is in use, and connects on a retry once one is free', { timeout: 60_000 }, async () => {
    const first = await open();
    const second = await open();
    await openReplay(first.page, `/replay?day=${MORNING.id}`);
    await openReplay(second.page, `/replay?day=${MORNING.id}`);
    const third = await open();
    await third.page.goto(`/replay?day=${MORNING.id}`);
    const alert = third.page.getByTestId('replay-error');
    await expect.poll(() => alert.innerText(), { timeout: 15_000 }).toContain('all 2 replay sessions are in use');
    expect(await playButton(third.page).isDisabled()).toBe(true);
    await screenshot(third.page, 'replay-sessions-busy');
    await first.context.close();
    await sleep(500);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => third.page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => playButton(third.page).isEnabled()).toBe(true);
    expect(await alert.count()).toBe(0);
    // The refused handshake is logged by the browser as a failed WebSocket; nothing else.
    expect(third.consoleErrors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
    expect(second.consoleErrors).toEqual([]);
    await second.context.close();
    await third.context.close();
  });

  it('names a day that does not exist and offers the others', { timeout: 30_000 }, async () => {
    const { page, consoleErrors, context } = await open();
    await page.goto('/replay?day=no-such-day');
    await expect.poll(() => page.getByTestId('replay-missing').innerText(), { timeout: 10_000 }).toContain('There is no recorded day “no-such-day”');
    expect(await page.getByTestId('replay-missing').getAttribute('role')).toBe('alert');
    await page.getByTestId('replay-day').selectOption(MORNING.id);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('connected');
    expect(new URL(page.url()).searchParams.get('day')).toBe(MORNING.id);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a replay the server closed after a minute paused can be reopened where it was', { timeout: 120_000 }, async () => {
    const { page, consoleErrors } = await open();
    await openReplay(page, `/replay?day=${MORNING.id}`);
    await page.getByRole('button', { name: 'Speed 300x' }).click();
    for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => clockText(page)).toBe('08:00:00');
    await expect.poll(() => vehicles(page)).toBe(24);
    // REPLAY_IDLE_MINUTES=1 here: the paused session is closed, and does not come back by itself.
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 90_000, interval: 1000 }).toBe('reconnecting');
    await page.getByRole('button', { name: 'Reopen now' }).click();
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => clockText(page)).toBe('08:00:00');
    await expect.poll(() => page.getByRole('button', { name: 'Speed 300x' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => vehicles(page)).toBe(24);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
    expect(consoleErrors).toEqual([]);
  });

  it('shows a day being prepared on its first use, then opens it by itself', { timeout: 90_000 }, async () => {
    const { page, consoleErrors } = await open();
    await page.goto('/replay?day=sim-tiny');
    const preparing = page.getByTestId('replay-preparing');
    await expect.poll(() => preparing.innerText(), { timeout: 10_000 }).toContain('Preparing “Simulated day · 3 drivers” for replay');
    expect(await page.getByTestId('replay-day').inputValue()).toBe('sim-tiny');
    // Prepared by the app (seconds for 3 drivers), the replay opens without a reload.
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 60_000, interval: 1000 }).toBe('connected');
    await expect.poll(() => clockText(page)).toMatch(/^\d\d:\d\d:\d\d$/);
    await expect.poll(() => page.getByTestId('replay-bar').innerText()).toContain('Monday 23 November 2026');
    expect(await preparing.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  // Last: opening the default simulated day starts preparing it (a whole day of 300 drivers, about
  // a minute), which keeps the app busy until it stops.
  it('the default simulated day also says it is being prepared', { timeout: 30_000 }, async () => {
    const { page, consoleErrors } = await open();
    await page.goto('/replay?day=sim-seed-1');
    const preparing = page.getByTestId('replay-preparing');
    await expect.poll(() => preparing.innerText(), { timeout: 10_000 }).toContain('Preparing “Simulated day · seed 1 · 300 drivers” for replay');
    expect(await playButton(page).count()).toBe(0);
    await screenshot(page, 'replay-preparing');
    expect(consoleErrors).toEqual([]);
  });
});
