import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { contentSecurityPolicy, securityHeaders, tileImgSource } from '../../../server/security/headers';
import { safeNext } from '../../../server/security/front-door';
import { startWithPages, type PagedApp } from './helpers';

let s: PagedApp | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The CSP as a map of directive to its sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header, 'Content-Security-Policy').toBeTruthy();
  return new Map(header!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
}

describe('security headers and CSP', () => {
  it('are on pages (as Next would render them) and on API answers', async () => {
    s = await startWithPages();
    const host = new URL(s.url).host;
    for (const path of ['/', '/drivers/d1', '/api/metrics', '/api/nope', '/healthz']) {
      const res = await fetch(s.url + path);
      expectSecurityHeaders(res);
      const p = csp(res);
      expect(p.get('default-src')).toEqual(["'self'"]);
      expect(p.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]); // no eval outside dev
      expect(p.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tile.openstreetmap.org']);
      expect(p.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(p.get('frame-ancestors')).toEqual(["'none'"]);
      expect(p.get('base-uri')).toEqual(["'self'"]);
      expect(p.get('form-action')).toEqual(["'self'"]);
      expect(p.get('object-src')).toEqual(["'none'"]);
      expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http
    }
  });

  it("allow 'unsafe-eval' in dev only, and images from TILE_URL's host", async () => {
    s = await startWithPages({ TILE_URL: 'https://tiles.example.com:8443/styles/{z}/{x}/{y}.png' }, { dev: true });
    const p = csp(await fetch(`${s.url}/`));
    expect(p.get('script-src')).toContain("'unsafe-eval'");
    expect(p.get('img-src')).toContain('https://tiles.example.com:8443');
    expect(p.get('img-src')).not.toContain('https://*.tile.openstreetmap.org');
  });

  it('derive the tile source from the URL template', () => {
    expect(tileImgSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.org');
    expect(tileImgSource('https://tiles.example.com/{z}/{x}/{y}.png')).toBe('https://tiles.example.com');
    expect(tileImgSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileImgSource('https://tiles-{s}.example.com/{z}/{x}/{y}.png')).toBe('https://*.example.com');
    expect(tileImgSource('https://example.{s}/{z}/{x}/{y}.png')).toBe('https:');
    expect(() => loadConfig({ TILE_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(() => loadConfig({ TILE_URL: 'not a url' })).toThrow(ConfigError);
  });

  it('give each Host its own connect-src, however many requests come and in whatever order', () => {
    const headers = securityHeaders({ tileUrl: '/t/{z}/{x}/{y}.png', dev: false });
    const connect = (host: string | undefined) =>
      headers({ headers: { host }, socket: {} } as unknown as IncomingMessage)['Content-Security-Policy'].match(/connect-src [^;]*/)![0];
    const hosts = [...Array.from({ length: 40 }, (_, i) => `h${i}.example:3000`), undefined];
    for (const host of [...hosts, ...hosts.reverse(), 'h1.example:3000', undefined]) {
      expect(connect(host)).toBe(host ? `connect-src 'self' ws://${host} wss://${host}` : "connect-src 'self'");
    }
  });

  it('never echo a strange Host into connect-src', () => {
    const policy = contentSecurityPolicy({ tileUrl: '/t/{z}/{x}/{y}.png', dev: false }, "evil.example; script-src 'unsafe-eval'");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('send nobody to another host after login', () => {
    expect(safeNext('/drivers/d1?x=1')).toBe('/drivers/d1?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/login', '/ok\n', 42]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});
