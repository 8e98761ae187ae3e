import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startApp, type AppProcess } from './app-process';

/** The app (as a user runs it) and Chromium, started side by side for one file's browser tests. */
export async function startAppAndBrowser(env: Record<string, string> = {}): Promise<{ app: AppProcess; browser: Browser }> {
  const [app, browser] = await Promise.all([startApp(env), launchBrowser()]);
  return { app, browser };
}

/** Closes what startAppAndBrowser opened (either may be missing when the start failed). */
export async function stopAppAndBrowser(app: AppProcess | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await app?.stop();
}
