import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DriversBody, MetricsBody } from '../../../lib/api-types';
import type { ApiHandler } from '../../../server/http/api';
import { LogUnavailableError } from '../../../server/log/segment-log';
import { loc, online, sec } from '../../support/events';
import { getJson, postJson, postNdjson, startApiServer, type ApiServer, type Env } from '../../support/server';
import { expectError, expectIngested, postChunked } from './helpers';

/** One server per describe block, started with `env`. */
function serverFor(env: Env = {}, wrap?: (api: ApiHandler) => ApiHandler): () => ApiServer {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ INGEST_WORKERS: '1', ...env }, { wrap });
    // Bodies are parsed on the parsing thread, whose errors must come back as the same answers.
    await api.app.ingestParser.ready();
  });
  afterAll(async () => {
    await api.close();
  });
  return () => api;
}

const good = [online('d1', sec(0)), loc('d1', sec(5), 41.15, -8.61)];

describe('400: a body that is not JSON or NDJSON at all', () => {
  const api = serverFor();

  it('refuses an application/json body that does not parse', async () => {
    await expectError(await postJson(api().url, '{"type": "driver",'), 400, 'invalid_json');
  });

  it('refuses an NDJSON body in which no line is JSON', async () => {
    await expectError(await postNdjson(api().url, 'hello\nworld\n'), 400, 'invalid_ndjson');
  });
});

describe('401: INGEST_TOKEN set', () => {
  const api = serverFor({ INGEST_TOKEN: 's3cret-token' });

  it('refuses a request without a token, even from loopback', async () => {
    const body = await expectError(await postNdjson(api().url, good), 401, 'unauthorized');
    expect(body.error.message).toMatch(/^Authorization: /);
  });

  it('refuses a wrong token', async () => {
    await expectError(await postNdjson(api().url, good, { authorization: 'Bearer s3cret-tokeN' }), 401, 'unauthorized');
  });

  it('refuses a token that is not a Bearer token', async () => {
    await expectError(await postNdjson(api().url, good, { authorization: 'Basic s3cret-token' }), 401, 'unauthorized');
  });

  it('accepts the right Bearer token', async () => {
    const res = await postNdjson(api().url, good, { authorization: 'Bearer s3cret-token' });
    expect((await expectIngested(res)).accepted).toBe(2);
  });

  it('applies nothing of a refused request', async () => {
    await postNdjson(api().url, [online('intruder', sec(1))], { authorization: 'Bearer nope' });
    const body = await getJson<DriversBody>(api().url, '/api/drivers');
    expect(body.drivers.map((d) => d.id)).not.toContain('intruder');
  });
});

describe('401: no INGEST_TOKEN, a request from a non-loopback address', () => {
  // The handler sees a remote address outside 127.0.0.0/8 and ::1, as a LAN client would show.
  const fromLan = (api: ApiHandler): ApiHandler => (req, res) => {
    if (req.headers['x-test-remote']) {
      Object.defineProperty(req.socket, 'remoteAddress', { value: req.headers['x-test-remote'], configurable: true });
    }
    return api(req, res);
  };
  const api = serverFor({}, fromLan);

  it('refuses ingest from a LAN address', async () => {
    const body = await expectError(await postNdjson(api().url, good, { 'x-test-remote': '203.0.113.7' }), 401, 'unauthorized');
    expect(body.error.message).toMatch(/loopback/);
  });

  it('refuses ingest from an address that merely starts like a loopback one', async () => {
    await expectError(await postNdjson(api().url, good, { 'x-test-remote': '::ffff:10.127.0.1' }), 401, 'unauthorized');
  });

  it('accepts ingest from any 127.x.x.x and IPv4-mapped loopback address', async () => {
    for (const addr of ['127.0.0.2', '::ffff:127.0.0.1', '::1']) {
      const res = await postNdjson(api().url, [online(`d-${addr.replace(/[^0-9a-f]/g, '')}`, sec(1))], { 'x-test-remote': addr });
      expect((await expectIngested(res)).accepted, addr).toBe(1);
    }
  });

  it('still serves reads to a non-loopback address', async () => {
    const res = await fetch(`${api().url}/api/drivers`, { headers: { 'x-test-remote': '203.0.113.7' } });
    expect(res.status).toBe(200);
  });
});

const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(!lanAddress)('401: no INGEST_TOKEN, over a real non-loopback interface', () => {
  const api = serverFor({ HOST: lanAddress ?? '' });

  it(`refuses ingest arriving on ${lanAddress}`, async () => {
    await expectError(await postNdjson(api().url, good), 401, 'unauthorized');
  });
});

describe('413: too large', () => {
  const api = serverFor({ INGEST_MAX_BYTES: '1000' });
  const padded = (bytes: number) => {
    const base = JSON.stringify({ ...online('d1', sec(0)), pad: '' });
    return JSON.stringify({ ...online('d1', sec(0)), pad: 'x'.repeat(bytes - base.length) });
  };

  it('refuses a body over INGEST_MAX_BYTES', async () => {
    const body = await expectError(await postJson(api().url, padded(1001)), 413, 'payload_too_large');
    expect(body.error.message).toMatch(/INGEST_MAX_BYTES/);
  });

  it('accepts a body of exactly INGEST_MAX_BYTES', async () => {
    const body = padded(1000);
    expect(Buffer.byteLength(body)).toBe(1000);
    expect((await expectIngested(await postJson(api().url, body))).accepted).toBe(1);
  });

  it('refuses a chunked body (no Content-Length) once it grows over INGEST_MAX_BYTES', async () => {
    const line = JSON.stringify(loc('d1', sec(7), 41.15, -8.61)) + '\n';
    const { status, body } = await postChunked(api().url, Array.from({ length: 40 }, () => line));
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('413: more than 10,000 events', () => {
  const api = serverFor();
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'driver', driverId: `d${i}`, ts: sec(0), status: 'nope' }));

  it('refuses an NDJSON body of 10,001 events', async () => {
    const body = await expectError(await postNdjson(api().url, many(10_001)), 413, 'too_many_events');
    expect(body.error.message).toMatch(/10000/);
  });

  it('refuses a JSON array of 10,001 events', async () => {
    await expectError(await postJson(api().url, many(10_001)), 413, 'too_many_events');
  });

  it('takes a batch of exactly 10,000 events', async () => {
    const body = await expectIngested(await postNdjson(api().url, many(10_000)));
    expect(body.rejected).toHaveLength(10_000);
  });
});

describe('415: another content type', () => {
  const api = serverFor();

  it('refuses text/plain', async () => {
    const res = await fetch(`${api().url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(good[0]) });
    const body = await expectError(res, 415, 'unsupported_media_type');
    expect(body.error.message).toMatch(/^Content-Type: /);
  });

  it('refuses a form post', async () => {
    const res = await fetch(`${api().url}/api/ingest`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    await expectError(res, 415, 'unsupported_media_type');
  });
});

describe('503: the event log cannot accept writes', () => {
  const api = serverFor();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers 503 with Retry-After and applies nothing of the request', async () => {
    vi.spyOn(api().fleet.log, 'append').mockRejectedValue(new LogUnavailableError('event log unavailable: ENOSPC'));
    const res = await postNdjson(api().url, [...good, { type: 'driver' }, good[0]]);
    await expectError(res, 503, 'log_unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await getJson<DriversBody>(api().url, '/api/drivers')).drivers).toEqual([]);
    const m = await getJson<MetricsBody>(api().url, '/api/metrics');
    expect(m.ingest).toMatchObject({ accepted: 0, rejected: 0, duplicates: 0 });
  });

  it('accepts the same request once the log writes again', async () => {
    const spy = vi.spyOn(api().fleet.log, 'append').mockRejectedValueOnce(new LogUnavailableError('event log unavailable: EIO'));
    await expectError(await postNdjson(api().url, good), 503, 'log_unavailable');
    spy.mockRestore();
    expect(await expectIngested(await postNdjson(api().url, good))).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('answers 500 with the error body, not 503, when the log fails in an unexpected way', async () => {
    vi.spyOn(api().fleet.log, 'append').mockRejectedValue(new TypeError('bug'));
    await expectError(await postNdjson(api().url, [online('d9', sec(0))]), 500, 'internal');
  });
});

describe('405: a method other than POST', () => {
  const api = serverFor();

  it('answers GET /api/ingest with 405 and Allow: POST', async () => {
    const res = await fetch(`${api().url}/api/ingest`);
    await expectError(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers PUT /api/ingest with 405', async () => {
    await expectError(await fetch(`${api().url}/api/ingest`, { method: 'PUT', body: '{}' }), 405, 'method_not_allowed');
  });
});
