import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer, type Env } from '../../support/server';
import { connect, refused } from './helpers';

let s: ApiServer | undefined;
async function start(env: Env = {}): Promise<ApiServer> {
  s = await startApiServer(env);
  return s;
}
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A raw Engine.IO polling handshake, as a browser would open it. */
const pollingHandshake = (url: string, origin?: string) =>
  fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: origin ? { origin } : {} });

describe('socket handshakes and Origin (cross-site WebSocket hijacking)', () => {
  it('refuses a foreign Origin over WebSocket and over polling', async () => {
    const { url } = await start();
    expect(await refused(url, { extraHeaders: { origin: 'http://evil.example' } })).toMatch(/websocket error/);
    const res = await pollingHandshake(url, 'http://evil.example');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'origin not allowed' });
    // A look-alike of our host on another port or scheme is foreign too.
    expect((await pollingHandshake(url, url.replace('127.0.0.1', 'localhost'))).status).toBe(403);
  });

  it('allows the same origin and a client without Origin (not a browser)', async () => {
    const { url } = await start();
    (await connect(url, { extraHeaders: { origin: url } })).close();
    (await connect(url)).close();
    const res = await pollingHandshake(url, url);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('honours ALLOWED_ORIGINS: listed origins only', async () => {
    const { url } = await start({ ALLOWED_ORIGINS: 'https://dash.example, https://ops.example' });
    (await connect(url, { extraHeaders: { origin: 'https://ops.example' } })).close();
    expect((await pollingHandshake(url, 'https://dash.example')).status).toBe(200);
    expect((await pollingHandshake(url, 'http://evil.example')).status).toBe(403);
    expect((await pollingHandshake(url, url)).status).toBe(403); // the list replaces "same origin"
  });
});
