import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverDetail, DriversBody, MetricsBody, OrderView } from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import { assigned, created, delivered, drive, min, online, pickedUp, sec } from '../../support/events';
import { getJson, postNdjson, spawnApiServer, startApiServer, tempDataDir, type ChildApiServer } from '../../support/server';
import { expectIngested } from './helpers';

const children: ChildApiServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function spawnOn(dataDir: string): Promise<ChildApiServer> {
  const c = await spawnApiServer({ DATA_DIR: dataDir });
  children.push(c);
  return c;
}

function freshDir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

/** Batch `b`: driver d-b comes online, takes order o-b and drives for 20 fixes. */
function batchOf(b: number): FleetEvent[] {
  const t = sec(b);
  return [
    { ...online(`d-${b}`, t), id: `on-${b}` },
    created(`o-${b}`, t + 1),
    assigned(`o-${b}`, t + 2, `d-${b}`),
    ...drive(`d-${b}`, t + 3, 20, 1),
  ];
}

/** Every event of an acknowledged batch is visible: the driver at its last fix, the order assigned. */
async function expectBatchPresent(url: string, b: number): Promise<void> {
  const events = batchOf(b);
  const d = await getJson<DriverDetail>(url, `/api/drivers/d-${b}`);
  expect(d.ts).toBe(events.at(-1)!.ts);
  expect(d.trail).toHaveLength(20);
  expect(d.orderId).toBe(`o-${b}`);
  const o = await getJson<OrderView>(url, `/api/orders/o-${b}`);
  expect(o).toMatchObject({ status: 'assigned', driverId: `d-${b}` });
}

describe('durability: a crash (SIGKILL) right after a 200', () => {
  it('keeps every event acknowledged before the crash', async () => {
    const dir = freshDir();
    const a = await spawnOn(dir);
    let acknowledged = 0;
    for (let b = 0; b < 5; b++) acknowledged += (await expectIngested(await postNdjson(a.url, batchOf(b)))).accepted;
    expect(await a.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const restarted = await spawnOn(dir);
    const m = await getJson<MetricsBody>(restarted.url, '/api/metrics');
    expect(m.ingest.accepted).toBe(acknowledged);
    const drivers = await getJson<DriversBody>(restarted.url, '/api/drivers');
    expect(drivers.drivers.map((d) => d.id)).toEqual(['d-0', 'd-1', 'd-2', 'd-3', 'd-4']);
    for (let b = 0; b < 5; b++) await expectBatchPresent(restarted.url, b);
  });

  it('keeps every acknowledged batch when the crash hits with other requests in flight', async () => {
    const dir = freshDir();
    const a = await spawnOn(dir);
    const acked: number[] = [];
    let killed: Promise<unknown> | null = null;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, async (_, b) => {
        const res = await postNdjson(a.url, batchOf(b));
        if (res.status === 200) acked.push(b); // a 200 was sent: the batch must be durable
        const body = await expectIngested(res);
        expect(body.accepted).toBe(batchOf(b).length);
        // crash as soon as the 8th acknowledgement is in: the rest are mid-flight
        if (acked.length === 8) killed = a.kill('SIGKILL');
      }),
    );
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(8);
    // the only failures allowed are connections cut by the crash, never an error answer
    for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/fetch failed|terminated|ECONNRESET|other side closed/);

    const restarted = await spawnOn(dir);
    const m = await getJson<MetricsBody>(restarted.url, '/api/metrics');
    expect(m.ingest.accepted).toBeGreaterThanOrEqual(acked.length * batchOf(0).length);
    for (const b of acked) await expectBatchPresent(restarted.url, b);
  });

  it('accepts a retry of an acknowledged batch after the crash as duplicates only', async () => {
    const dir = freshDir();
    const a = await spawnOn(dir);
    await expectIngested(await postNdjson(a.url, batchOf(0)));
    await a.kill('SIGKILL');
    const restarted = await spawnOn(dir);
    const retry = await expectIngested(await postNdjson(restarted.url, batchOf(0)));
    expect(retry).toEqual({ accepted: 0, duplicates: batchOf(0).length, rejected: [] });
  });
});

/**
 * Twelve minutes in two halves, with something of every kind crossing the boundary: an order
 * created before and delivered after, a ghost order whose dead letter is only decided after,
 * retried events (duplicates), bad events (rejected) and a late fix.
 */
function halves(): [unknown[], unknown[]] {
  const byTs = (events: FleetEvent[]) => events.sort((x, y) => x.ts - y.ts); // stable: ties keep their order
  const first: unknown[] = byTs([
    online('a', min(0), 'Ana'),
    online('b', min(0), 'Bo'),
    ...drive('a', min(0), 37, 10),
    ...drive('b', min(0), 37, 10, 20, 41.16),
    created('o1', min(1), { promisedTs: min(20) }),
    assigned('o1', min(2), 'a'),
    pickedUp('o1', min(4)),
    created('o2', min(3)),
    pickedUp('ghost', min(5)),
  ]);
  first.push({ type: 'location', driverId: 'a', ts: min(5), lat: 123, lng: 0 });
  const second: unknown[] = byTs([
    online('a', min(0), 'Ana'), // a retry from the first half
    drive('b', min(2) + 5_000, 1, 10, 20, 41.16)[0], // late: more than 2 minutes behind
    ...drive('a', min(6) + 10_000, 36, 10),
    ...drive('b', min(6) + 10_000, 36, 10, 20, 41.16),
    delivered('o1', min(9)),
    assigned('o2', min(10), 'b'),
  ]);
  second.push({ type: 'order', orderId: 'o3', ts: min(11), status: 'created' });
  return [first, second];
}

const VIEWS = ['/api/drivers', '/api/metrics', '/api/drivers/a', '/api/drivers/b', '/api/orders/o1', '/api/orders/o2', '/api/dead-letters', '/api/zones', '/api/alerts', '/api/series'];

async function views(url: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const v of VIEWS) out[v] = await getJson(url, v);
  return out;
}

describe('durability: a graceful restart (SIGTERM)', () => {
  it('gives the same state as one uninterrupted run', async () => {
    const [first, second] = halves();
    const reference = await startApiServer();
    try {
      await expectIngested(await postNdjson(reference.url, first));
      await expectIngested(await postNdjson(reference.url, second));
      const expected = await views(reference.url);
      expect((expected['/api/metrics'] as MetricsBody).ingest).toMatchObject({ duplicates: 1, rejected: 2, deadLetters: 1, late: 1 });

      const dir = freshDir();
      const a = await spawnOn(dir);
      await expectIngested(await postNdjson(a.url, first));
      expect(await a.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(fs.readdirSync(path.join(dir, 'snapshots')).filter((n) => n.endsWith('.json'))).toHaveLength(1);
      const b = await spawnOn(dir);
      await expectIngested(await postNdjson(b.url, second));
      const actual = await views(b.url);
      for (const v of VIEWS) expect(actual[v], v).toEqual(expected[v]);
    } finally {
      await reference.close();
    }
  });

  it('after a crash instead, rebuilds the same drivers and orders from the log alone', async () => {
    const [first, second] = halves();
    const reference = await startApiServer();
    try {
      await expectIngested(await postNdjson(reference.url, first));
      await expectIngested(await postNdjson(reference.url, second));
      const expected = await views(reference.url);

      const dir = freshDir();
      const a = await spawnOn(dir);
      await expectIngested(await postNdjson(a.url, first));
      await a.kill('SIGKILL');
      const b = await spawnOn(dir);
      await expectIngested(await postNdjson(b.url, second));
      const actual = await views(b.url);
      // counters of refused events (rejected, duplicates at the door) live only in snapshots
      for (const v of VIEWS.filter((p) => p !== '/api/metrics')) expect(actual[v], v).toEqual(expected[v]);
      const { ingest: gotIngest, ...got } = actual['/api/metrics'] as MetricsBody;
      const { ingest: wantIngest, ...want } = expected['/api/metrics'] as MetricsBody;
      expect(got).toEqual(want);
      expect(gotIngest.accepted).toBe(wantIngest.accepted);
      expect(gotIngest.deadLetters).toBe(wantIngest.deadLetters);
    } finally {
      await reference.close();
    }
  });
});

describe('durability: the log keeps each NDJSON line as it was sent', () => {
  it('rebuilds the same state from lines with unknown fields, odd spacing and number forms', async () => {
    const body = [
      '{"type":"driver","driverId":"r1","ts":' + sec(0) + ',"status":"online","name":"Ana","vehicle":{"plate":"AA-00-01"}}',
      '  { "type" : "location", "driverId" : "r1", "ts" : ' + sec(1) + ', "lat" : 41.15e0, "lng" : -8.61, "battery" : 0.8 }  ',
      '{"type":"location","driverId":"r1","ts":' + sec(11) + '.0,"lat":41.151,"lng":-8.6099,"speedKph":36}',
    ].join('\n');
    const post = (url: string) => fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
    const reference = await startApiServer();
    try {
      await expectIngested(await post(reference.url));
      const expected = await getJson<DriverDetail>(reference.url, '/api/drivers/r1');
      const dir = freshDir();
      const a = await spawnOn(dir);
      await expectIngested(await post(a.url));
      await a.kill('SIGKILL');
      const logged = fs
        .readdirSync(path.join(dir, 'log'))
        .map((f) => fs.readFileSync(path.join(dir, 'log', f), 'utf8'))
        .join('');
      expect(logged).toContain('"vehicle":{"plate":"AA-00-01"}');
      const b = await spawnOn(dir);
      expect(await getJson<DriverDetail>(b.url, '/api/drivers/r1')).toEqual(expected);
    } finally {
      await reference.close();
    }
  });
});
