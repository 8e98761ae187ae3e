import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverDetail, DriversBody, MetricsBody, OrderView } from '../../../lib/api-types';
import { assigned, created, loc, min, online, sec } from '../../support/events';
import { getJson, postJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectIngested } from './helpers';

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer({ INGEST_WORKERS: '1' });
  // Every request of these tests goes through the parsing thread (INGEST_WORKERS=1, the default).
  await api.app.ingestParser.ready();
  expect(api.app.ingestParser.threads).toBe(1);
});
afterEach(async () => {
  await api.close();
});

describe('POST /api/ingest: bodies', () => {
  it('accepts an NDJSON body, one event a line', async () => {
    const res = await postNdjson(api.url, [online('d1', sec(0), 'Ana'), loc('d1', sec(5), 41.15, -8.61)]);
    expect(await expectIngested(res)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('accepts application/x-ndjson with a charset parameter', async () => {
    const res = await postNdjson(api.url, [online('d1', sec(0))], { 'content-type': 'application/x-ndjson; charset=utf-8' });
    expect(await expectIngested(res)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('accepts NDJSON with CRLF line ends, blank lines and no final newline', async () => {
    const body = `${JSON.stringify(online('d1', sec(0)))}\r\n\r\n${JSON.stringify(loc('d1', sec(5), 41.15, -8.61))}`;
    expect(await expectIngested(await postNdjson(api.url, body))).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('accepts a JSON body holding one event', async () => {
    const res = await postJson(api.url, online('d1', sec(0)));
    expect(await expectIngested(res)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('accepts a JSON body holding an array of events', async () => {
    const res = await postJson(api.url, [online('d1', sec(0)), loc('d1', sec(5), 41.15, -8.61), created('o1', sec(6))]);
    expect(await expectIngested(res)).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
  });

  it('answers an empty JSON array with nothing accepted', async () => {
    expect(await expectIngested(await postJson(api.url, []))).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('ignores unknown fields of an event', async () => {
    const res = await postJson(api.url, { ...online('d1', sec(0)), vendor: 'x', extra: { a: 1 } });
    expect(await expectIngested(res)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe('POST /api/ingest: applied before the 200', () => {
  it('shows the accepted events in a read sent right after the 200', async () => {
    await expectIngested(
      await postNdjson(api.url, [
        online('d1', sec(0), 'Ana'),
        loc('d1', sec(5), 41.15, -8.61),
        created('o1', sec(6)),
        assigned('o1', sec(7), 'd1'),
      ]),
    );
    const d = await getJson<DriverDetail>(api.url, '/api/drivers/d1');
    expect(d).toMatchObject({ id: 'd1', name: 'Ana', status: 'to_pickup', lat: 41.15, lng: -8.61, ts: sec(5), orderId: 'o1' });
    const o = await getJson<OrderView>(api.url, '/api/orders/o1');
    expect(o).toMatchObject({ id: 'o1', status: 'assigned', driverId: 'd1', assignedTs: sec(7) });
  });
});

describe('POST /api/ingest: bad events are rejected on their own', () => {
  it('rejects each bad event with its 0-based index and a message naming field and rule, accepting the good ones', async () => {
    const res = await postNdjson(api.url, [
      online('d1', sec(0)),
      loc('d1', sec(5), 91, -8.61),
      loc('d1', sec(6), 41.15, -8.61),
      { type: 'order', orderId: 'o1', ts: sec(7), status: 'assigned' },
      { type: 'teleport', driverId: 'd1', ts: sec(8) },
    ]);
    const body = await expectIngested(res);
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3, 4]);
    expect(body.rejected[0].error).toBe('lat: must be between -90 and 90');
    expect(body.rejected[1].error).toBe('driverId: is required when status is assigned');
    expect(body.rejected[2].error).toMatch(/^type: /);
    const d = await getJson<DriverDetail>(api.url, '/api/drivers/d1');
    expect([d.lat, d.ts]).toEqual([41.15, sec(6)]);
    expect((await fetch(`${api.url}/api/orders/o1`)).status).toBe(404);
  });

  it('answers a batch of only bad events with 200, nothing accepted and every index rejected', async () => {
    const body = await expectIngested(await postJson(api.url, [{ type: 'location' }, 42, null]));
    expect(body.accepted).toBe(0);
    expect(body.rejected.map((r) => r.index)).toEqual([0, 1, 2]);
    for (const r of body.rejected) expect(r.error).toMatch(/^[A-Za-z.]+: /);
  });

  it('rejects an NDJSON line that is not JSON by its index and accepts the other lines', async () => {
    const body = `${JSON.stringify(online('d1', sec(0)))}\n{"type": "location", oops\n${JSON.stringify(loc('d1', sec(5), 41.15, -8.61))}\n`;
    const result = await expectIngested(await postNdjson(api.url, body));
    expect(result.accepted).toBe(2);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].index).toBe(1);
    expect(result.rejected[0].error).toMatch(/^event: must be one JSON object per line/);
  });

  it('counts rejected events in GET /api/metrics', async () => {
    await expectIngested(await postJson(api.url, [online('d1', sec(0)), { type: 'driver' }, { type: 'driver' }]));
    const m = await getJson<MetricsBody>(api.url, '/api/metrics');
    expect(m.ingest.rejected).toBe(2);
    expect(m.ingest.accepted).toBe(1);
  });
});

describe('POST /api/ingest: duplicates', () => {
  it('counts an event whose id was already accepted as a duplicate, not applying it twice', async () => {
    const first = { ...loc('d1', sec(5), 41.15, -8.61), id: 'fix-1' };
    expect(await expectIngested(await postNdjson(api.url, [first]))).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    // same id, different content: still a retry of the same event
    const retry = { ...loc('d1', sec(9), 41.2, -8.6), id: 'fix-1' };
    expect(await expectIngested(await postNdjson(api.url, [retry]))).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    const d = await getJson<DriverDetail>(api.url, '/api/drivers/d1');
    expect([d.lat, d.ts]).toEqual([41.15, sec(5)]);
  });

  it('counts an event without id whose type, entity, ts and status were seen as a duplicate', async () => {
    const events = [online('d1', sec(0)), loc('d1', sec(5), 41.15, -8.61), created('o1', sec(6)), assigned('o1', sec(7), 'd1')];
    await expectIngested(await postNdjson(api.url, events));
    expect(await expectIngested(await postNdjson(api.url, events))).toEqual({ accepted: 0, duplicates: 4, rejected: [] });
  });

  it('counts the second copy of an event inside one request as a duplicate', async () => {
    const e = { ...online('d1', sec(0)), id: 'on-1' };
    const res = await postJson(api.url, [e, loc('d1', sec(5), 41.15, -8.61), e, loc('d1', sec(5), 41.15, -8.61)]);
    expect(await expectIngested(res)).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
  });

  it('counts duplicates, from earlier requests and within one, in GET /api/metrics', async () => {
    const e = online('d1', sec(0));
    await expectIngested(await postJson(api.url, [e, e]));
    await expectIngested(await postJson(api.url, [e]));
    const m = await getJson<MetricsBody>(api.url, '/api/metrics');
    expect(m.ingest.accepted).toBe(1);
    expect(m.ingest.duplicates).toBe(2);
  });

  it('keeps a duplicate out of the drivers list (one driver, newest position)', async () => {
    await expectIngested(await postNdjson(api.url, [loc('d1', min(1), 41.15, -8.61), loc('d1', min(1), 41.15, -8.61)]));
    const body = await getJson<DriversBody>(api.url, '/api/drivers');
    expect(body.drivers.map((d) => d.id)).toEqual(['d1']);
  });
});
