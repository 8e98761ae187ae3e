import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSigner } from '../../../server/security/session';
import { online, sec } from '../../support/events';
import { postNdjson } from '../../support/server';
import { expectError, expectIngested } from '../http/helpers';
import { connect, fakePages, refused, sessionFrom, startWithPages, type PagedApp } from './helpers';

const VIEWER = 'viewer-secret-0123456789';
const INGEST = 'ingest-secret-9876543210';
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('VIEWER_TOKEN set: pages, read API and sockets need it', () => {
  let s: PagedApp;
  beforeAll(async () => {
    s = await startWithPages({ VIEWER_TOKEN: VIEWER, INGEST_TOKEN: INGEST });
  });
  afterAll(() => s?.close());

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('read API: 401 with the error body without a token or with a wrong one, 200 with the Bearer token', async () => {
    const none = await fetch(`${s.url}/api/drivers`);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectError(none, 401, 'unauthorized');
    await expectError(await fetch(`${s.url}/api/metrics`, { headers: bearer('wrong') }), 401, 'unauthorized');
    await expectError(await fetch(`${s.url}/api/drivers`, { headers: bearer(INGEST) }), 401, 'unauthorized');
    expect((await fetch(`${s.url}/api/drivers`, { headers: bearer(VIEWER) })).status).toBe(200);
    expect((await fetch(`${s.url}/api/metrics`, { headers: bearer(VIEWER) })).status).toBe(200);
  });

  it('a token in the URL is not a credential', async () => {
    await expectError(await fetch(`${s.url}/api/drivers?token=${VIEWER}`), 401, 'unauthorized');
    expect((await fetch(`${s.url}/?token=${VIEWER}`, { redirect: 'manual' })).status).toBe(303);
  });

  it('health, readiness and /metrics stay open; /api/ingest takes INGEST_TOKEN, not VIEWER_TOKEN', async () => {
    for (const p of ['/healthz', '/readyz', '/metrics']) expect((await fetch(s.url + p)).status, p).toBe(200);
    await expectError(await postNdjson(s.url, [online('d1', sec(0))], bearer(VIEWER)), 401, 'unauthorized');
    await expectIngested(await postNdjson(s.url, [online('d1', sec(0))], bearer(INGEST)));
  });

  it('pages redirect to /login (keeping where to go next); the login page and static files are open', async () => {
    const home = await fetch(`${s.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/login?next=%2F');
    const deep = await fetch(`${s.url}/drivers/d1?tab=trail`, { redirect: 'manual' });
    expect(deep.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/drivers/d1?tab=trail')}`);
    expect((await fetch(`${s.url}/login?next=%2F`)).status).toBe(200);
    expect((await fetch(`${s.url}/_next/static/chunks/main.js`)).status).toBe(200);
    expect((await fetch(`${s.url}/`, { headers: bearer(VIEWER), redirect: 'manual' })).status).toBe(200);
  });

  it('login (JSON): a wrong token is 401 and sets no cookie', async () => {
    const res = await login({ token: 'nope' });
    expect(res.headers.get('set-cookie')).toBeNull();
    await expectError(res, 401, 'unauthorized');
  });

  it('login sets an HttpOnly, SameSite=Strict session cookie (not the token) that opens the API, the pages and sockets', async () => {
    const res = await login({ token: VIEWER });
    expect(res.status).toBe(200);
    const { pair, header } = sessionFrom(res);
    expect(header).toMatch(/^fleetpulse_session=v1\./);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Secure/); // plain http here
    expect(header).not.toContain(VIEWER);

    expect((await fetch(`${s.url}/api/drivers`, { headers: { cookie: pair } })).status).toBe(200);
    expect((await fetch(`${s.url}/`, { headers: { cookie: pair }, redirect: 'manual' })).status).toBe(200);
    const session = await (await fetch(`${s.url}/auth/session`, { headers: { cookie: pair } })).json();
    expect(session).toEqual({ required: true, authenticated: true });

    for (const transports of [['websocket'], ['polling']]) {
      const sock = await connect(s.url, { transports, extraHeaders: { cookie: pair } });
      sock.close();
    }
    // A tampered signature is nobody's session.
    const forged = pair.slice(0, -2) + (pair.endsWith('AA') ? 'BB' : 'AA');
    await expectError(await fetch(`${s.url}/api/drivers`, { headers: { cookie: forged } }), 401, 'unauthorized');
    expect(await refused(s.url, { extraHeaders: { cookie: forged } })).toMatch(/unauthorized/);
  });

  it('Secure is added when the request came over HTTPS (a TLS proxy says so)', async () => {
    const res = await login({ token: VIEWER }, { 'x-forwarded-proto': 'https' });
    expect(sessionFrom(res).header).toMatch(/; Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('login (form): 303 to the next page with the cookie, or back to /login with an error; never the token in a URL', async () => {
    const form = (token: string, next: string) =>
      fetch(`${s.url}/auth/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
        body: new URLSearchParams({ token, next }).toString(),
      });
    const ok = await form(VIEWER, '/drivers/d1');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/drivers/d1');
    expect(ok.headers.get('set-cookie')).toMatch(/^fleetpulse_session=/);
    const bad = await form('wrong-token', '/drivers/d1');
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/login?error=1&next=%2Fdrivers%2Fd1');
    // Another host is never a place to go next.
    expect((await form(VIEWER, '//evil.example/x')).headers.get('location')).toBe('/');
    expect((await form(VIEWER, 'https://evil.example/')).headers.get('location')).toBe('/');
  });

  it('login from another site is refused (login CSRF); logout clears the cookie', async () => {
    await expectError(await login({ token: VIEWER }, { origin: 'http://evil.example' }), 403, 'origin_not_allowed');
    await expectError(await login({ token: VIEWER }, { 'sec-fetch-site': 'cross-site', origin: 'null' }), 403, 'origin_not_allowed');
    // Our own form under Referrer-Policy: no-referrer: `Origin: null`, Sec-Fetch-Site same-origin.
    expect((await login({ token: VIEWER }, { 'sec-fetch-site': 'same-origin', origin: 'null' })).status).toBe(200);
    const out = await fetch(`${s.url}/auth/logout`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^fleetpulse_session=; .*Max-Age=0/);
  });

  it('sockets: no token or a wrong one is a connect_error; the token in auth connects and gets the live feed', async () => {
    expect(await refused(s.url)).toMatch(/unauthorized/);
    expect(await refused(s.url, { auth: { token: 'wrong' } })).toMatch(/unauthorized/);
    expect(await refused(s.url, { auth: { token: INGEST } })).toMatch(/unauthorized/);
    let first!: Promise<{ full: boolean }>;
    const sock = await connect(s.url, { auth: { token: VIEWER } }, (c) => (first = new Promise((r) => c.once('vehicles', r))));
    expect((await first).full).toBe(true);
    sock.close();
  });

  it('every namespace but /ingest is guarded, including ones created later (/replay)', async () => {
    s.app.io.of('/replay');
    expect(await refused(`${s.url}/replay`)).toMatch(/unauthorized/);
    // With the token the guard lets it through: what refuses it now is the replay's own rule.
    expect(await refused(`${s.url}/replay`, { auth: { token: VIEWER } })).toMatch(/^day: /);
    // Producers keep their own token on /ingest.
    (await connect(`${s.url}/ingest`, { auth: { token: INGEST } })).close();
    expect(await refused(`${s.url}/ingest`, { auth: { token: VIEWER } })).toMatch(/unauthorized/);
  });
});

describe('without VIEWER_TOKEN nothing changes', () => {
  let s: PagedApp;
  beforeAll(async () => {
    s = await startWithPages({});
  });
  afterAll(() => s?.close());

  it('API, pages and sockets are open; /auth/session says no sign-in is needed', async () => {
    expect((await fetch(`${s.url}/api/drivers`)).status).toBe(200);
    expect((await fetch(`${s.url}/`, { redirect: 'manual' })).status).toBe(200);
    (await connect(s.url)).close();
    expect(await (await fetch(`${s.url}/auth/session`)).json()).toEqual({ required: false, authenticated: true });
  });
});

describe('sessions', () => {
  it('expire, and end when VIEWER_TOKEN or SESSION_SECRET changes', () => {
    let now = 1_000_000;
    const a = new SessionSigner('tok', null, 60_000, () => now);
    const v = a.issue();
    expect(a.verify(v)).toBe(true);
    expect(new SessionSigner('tok', null, 60_000, () => now).verify(v)).toBe(true); // another process, same settings
    expect(new SessionSigner('tok2', null, 60_000, () => now).verify(v)).toBe(false);
    expect(new SessionSigner('tok', 'secret', 60_000, () => now).verify(v)).toBe(false);
    now += 60_001;
    expect(a.verify(v)).toBe(false);
    expect(a.verify('v1.99999999999999.x.' + 'A'.repeat(43))).toBe(false);
    expect(a.verify(undefined)).toBe(false);
  });
});

describe('upgrades handed to Next (its dev server hot reload)', () => {
  let s: PagedApp;
  const reached: string[] = [];
  beforeAll(async () => {
    s = await startWithPages(
      { VIEWER_TOKEN: VIEWER },
      {
        pages: {
          ...fakePages,
          upgrade: (req, socket) => {
            reached.push(req.url ?? '');
            socket.end('HTTP/1.1 101 Switching Protocols\r\n\r\n');
          },
        },
      },
    );
  });
  afterAll(() => s?.close());

  /** The status line's code of a WebSocket upgrade request to `path`. */
  const upgrade = (path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(`${s.url}${path}`, { headers: { connection: 'Upgrade', upgrade: 'websocket', ...headers } });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });

  it('need the viewer session and the same origin', async () => {
    expect(await upgrade('/_next/other')).toBe(403);
    const { pair } = sessionFrom(
      await fetch(`${s.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: VIEWER }) }),
    );
    expect(await upgrade('/_next/other', { cookie: pair, origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade('/_next/other', { cookie: pair, origin: s.url })).toBe(101);
    expect(reached).toEqual(['/_next/other']);
  });
});
