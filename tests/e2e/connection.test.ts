import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';
import { loc, online, sec } from '../support/events';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('the connection badge: live, reconnecting when the server goes away, live again when it returns', () => {
  let app: AppProcess | undefined;
  let browser: Browser;
  let port: number;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-conn-'));

  beforeAll(async () => {
    port = await freePort();
    [app, browser] = await Promise.all([startApp({ PORT: String(port), DATA_DIR: dataDir }), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (events: unknown[]) =>
    fetch(`http://127.0.0.1:${port}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: events.map((e) => JSON.stringify(e)).join('\n') });

  it('shows reconnecting while the server is down and catches up without a reload when it is back', { timeout: 120_000 }, async () => {
    await post([online('a', sec(0)), loc('a', sec(1), 41.15, -8.61)]);
    const { page, consoleErrors, context } = await openPage(browser, app!.url);
    await page.goto('/');
    const badge = page.getByTestId('connection');
    const online_ = () => page.getByTestId('drivers-online').locator('.value').textContent();
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('live');
    await expect.poll(online_).toBe('1');
    const vehicles = () => page.locator('.leaflet-container').getAttribute('data-vehicles').then(Number);
    await expect.poll(vehicles, { timeout: 15_000 }).toBe(1);

    await app!.stop();
    app = undefined;
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('reconnecting');
    expect(await online_()).toBe('1'); // the last figures stay on screen
    await screenshot(page, 'connection-reconnecting');

    // Back on the same port and data folder; a second driver arrived meanwhile.
    app = await startApp({ PORT: String(port), DATA_DIR: dataDir });
    await post([online('b', sec(5)), loc('b', sec(6), 41.16, -8.6)]);
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toBe('live');
    await expect.poll(online_, { timeout: 10_000 }).toBe('2');
    await expect.poll(vehicles, { timeout: 10_000 }).toBe(2);
    // While the server is away, Socket.IO's reconnection attempts and any request the page makes
    // (Next.js or a component) fail at the network level, and Chromium logs each; nothing else
    // may (a script error or an HTTP error status would still fail the test).
    const whileDown = /WebSocket connection to .* failed|Failed to load resource: net::ERR_[A-Z_]+$/;
    expect(consoleErrors.filter((e) => !whileDown.test(e))).toEqual([]);
    await context.close();
  });
});
