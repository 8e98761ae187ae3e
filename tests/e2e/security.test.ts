import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';

const VIEWER = 'viewer-secret-e2e-0123456789';

describe('the built dashboard behind VIEWER_TOKEN, with its CSP', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ VIEWER_TOKEN: VIEWER }), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("Next's pages carry the CSP and the security headers", async () => {
    const res = await fetch(`${app.url}/`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const login = await fetch(`${app.url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toBe(csp);
  });

  it('sends a browser to /login, signs it in with the token in the form, and the overview renders without CSP errors', async () => {
    const { page, context, consoleErrors } = await openPage(browser, app.url);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));

    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-token').fill('not-the-token');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').isVisible()).toBe(true);
    await screenshot(page, 'login-wrong-token');

    await page.getByTestId('login-token').fill(VIEWER);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByTestId('login-submit').click()]);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('live');
    await screenshot(page, 'overview-after-login');

    const [cookie] = (await context.cookies()).filter((c) => c.name === 'fleetpulse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie.value).not.toContain(VIEWER);
    expect(urls.filter((u) => u.includes(VIEWER))).toEqual([]); // the token never in a URL
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
