import { afterEach, describe, expect, it } from 'vitest';
import type { DriversBody } from '../../../lib/api-types';
import type { ApiHandler } from '../../../server/http/api';
import { drive, online, sec } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer, type Env } from '../../support/server';
import { expectError, expectIngested } from './helpers';

/** Lets a test pose as another client address with the `x-test-remote` header. */
const asAddress = (api: ApiHandler): ApiHandler => (req, res) => {
  if (req.headers['x-test-remote']) {
    Object.defineProperty(req.socket, 'remoteAddress', { value: req.headers['x-test-remote'], configurable: true });
  }
  return api(req, res);
};

let api: ApiServer | undefined;
async function start(env: Env): Promise<ApiServer> {
  api = await startApiServer(env, { wrap: asAddress });
  return api;
}
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** `n` distinct location events of driver `id`. */
const batch = (id: string, n: number) => drive(id, sec(0), n, 1);

describe('429: over INGEST_RATE events a second', () => {
  it('refuses the second batch of 20 at INGEST_RATE=5 with Retry-After', async () => {
    const { url } = await start({ INGEST_RATE: '5' });
    expect((await expectIngested(await postNdjson(url, batch('d1', 20)))).accepted).toBe(20);
    const res = await postNdjson(url, batch('d2', 20));
    const body = await expectError(res, 429, 'rate_limited');
    expect(body.error.message).toMatch(/INGEST_RATE/);
    // 15 events of debt at 5 a second: about 3 s before the bucket is positive again
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(3);
    expect(wait).toBeLessThanOrEqual(4);
  });

  it('applies nothing of a refused batch', async () => {
    const { url } = await start({ INGEST_RATE: '5' });
    await expectIngested(await postNdjson(url, batch('d1', 20)));
    await expectError(await postNdjson(url, [online('d2', sec(0))]), 429, 'rate_limited');
    const body = await getJson<DriversBody>(url, '/api/drivers');
    expect(body.drivers.map((d) => d.id)).toEqual(['d1']);
  });

  it('accepts again once Retry-After has passed', async () => {
    const { url } = await start({ INGEST_RATE: '50' });
    await expectIngested(await postNdjson(url, batch('d1', 60)));
    const res = await postNdjson(url, batch('d2', 60));
    await expectError(res, 429, 'rate_limited');
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBe(1);
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await expectIngested(await postNdjson(url, batch('d2', 10)))).accepted).toBe(10);
  });

  it('limits each address on its own when there is no token', async () => {
    const { url } = await start({ INGEST_RATE: '5' });
    await expectIngested(await postNdjson(url, batch('d1', 20)));
    await expectError(await postNdjson(url, batch('d2', 1)), 429, 'rate_limited');
    const other = await postNdjson(url, batch('d3', 5), { 'x-test-remote': '127.0.0.2' });
    expect((await expectIngested(other)).accepted).toBe(5);
  });

  it('limits a token across every address that uses it', async () => {
    const { url } = await start({ INGEST_RATE: '5', INGEST_TOKEN: 'tok' });
    const auth = { authorization: 'Bearer tok' };
    await expectIngested(await postNdjson(url, batch('d1', 20), auth));
    await expectError(await postNdjson(url, batch('d2', 1), { ...auth, 'x-test-remote': '203.0.113.9' }), 429, 'rate_limited');
  });

  it('does not limit at all without INGEST_RATE', async () => {
    const { url } = await start({});
    for (let i = 0; i < 5; i++) {
      expect((await expectIngested(await postNdjson(url, batch(`d${i}`, 500)))).accepted).toBe(500);
    }
  });
});
