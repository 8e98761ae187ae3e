import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AlertsBody,
  DeadLettersBody,
  DriverDetail,
  DriversBody,
  MetricsBody,
  OrderView,
  SeriesBody,
  ZonesBody,
} from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import { assigned, created, D, delivered, drive, loc, min, online, P, pickedUp } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectIngested } from './helpers';

/**
 * Ten minutes of a tiny fleet:
 * - d1 "Ana" drives east the whole time and is assigned o1 (waiting for pickup);
 * - d2 delivers o2 on time at minute 3, then goes quiet at P (idle, stale);
 * - o3 is created at P at minute 5 and nobody takes it (demand next to idle d2);
 * - ghost-a and ghost-b are picked up but were never created (dead letters once late).
 */
const scenario: FleetEvent[] = [
  online('d1', min(0), 'Ana'),
  online('d2', min(0), 'Bo'),
  loc('d2', min(0), P.lat, P.lng),
  created('o2', min(0), { promisedTs: min(20) }),
  assigned('o2', min(1), 'd2'),
  created('o1', min(1), { promisedTs: min(30) }),
  pickedUp('ghost-a', min(1)),
  assigned('o1', min(2), 'd1'),
  pickedUp('o2', min(2)),
  pickedUp('ghost-b', min(2)),
  delivered('o2', min(3)),
  created('o3', min(5)),
  ...drive('d1', min(0), 61, 10), // one fix every 10 s up to minute 10
].sort((a, b) => a.ts - b.ts); // in event-time order, as a live producer sends (stable: ties keep their order)

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
  const body = await expectIngested(await postNdjson(api.url, [...scenario, { type: 'location', driverId: 'd1' }]));
  expect(body.accepted).toBe(scenario.length);
  expect(body.rejected).toHaveLength(1);
  await expectIngested(await postNdjson(api.url, [scenario[0]])); // one duplicate
});
afterAll(async () => {
  await api.close();
});

const SUMMARY_FIELDS = ['heading', 'id', 'lat', 'lng', 'name', 'orderId', 'speedKph', 'status', 'ts'];
const ORDER_FIELDS = [
  'assignedTs',
  'cancelledTs',
  'createdTs',
  'deliveredTs',
  'driverId',
  'dropoff',
  'eta',
  'id',
  'pickedUpTs',
  'pickup',
  'promisedTs',
  'status',
];

describe('GET /api/drivers', () => {
  it('lists every driver with the contract fields, status and position', async () => {
    const body = await getJson<DriversBody>(api.url, '/api/drivers');
    expect(body.ts).toBe(min(10));
    expect(body.drivers.map((d) => d.id)).toEqual(['d1', 'd2']);
    for (const d of body.drivers) expect(Object.keys(d)).toEqual(expect.arrayContaining(SUMMARY_FIELDS));
    const [d1, d2] = body.drivers;
    expect(d1).toMatchObject({ name: 'Ana', status: 'to_pickup', orderId: 'o1', ts: min(10), lat: 41.15 });
    expect(d1.speedKph).toBeCloseTo(36, 0);
    expect(d1.heading).toBeCloseTo(90, 0);
    expect(d2).toMatchObject({ name: 'Bo', status: 'idle', orderId: null, ts: min(0), lat: P.lat, lng: P.lng });
  });
});

describe('GET /api/drivers/:id', () => {
  it('adds stats, trail and recent orders to the summary', async () => {
    const d1 = await getJson<DriverDetail>(api.url, '/api/drivers/d1');
    expect(Object.keys(d1)).toEqual(expect.arrayContaining([...SUMMARY_FIELDS, 'stats', 'trail', 'orders']));
    expect(Object.keys(d1.stats).sort()).toEqual(
      expect.arrayContaining(['avgSpeedKph', 'deliveries', 'distanceKm', 'idleMinutes', 'onTimeRate', 'utilization']),
    );
    expect(d1.stats.distanceKm).toBeCloseTo(6, 1); // 10 min at 36 km/h
    expect(d1.stats.avgSpeedKph).toBeCloseTo(36, 0);
    expect(d1.stats.deliveries).toBe(0);
    expect(d1.stats.utilization).toBeCloseTo(0.8, 2); // busy from minute 2 of 10
    expect(d1.trail).toHaveLength(61);
    expect(d1.trail[0]).toEqual([min(0), 41.15, -8.65]);
    expect(d1.trail.at(-1)![0]).toBe(min(10));
    expect(d1.orders.map((o) => o.id)).toEqual(['o1']);
  });

  it('counts deliveries and the on-time rate of a driver', async () => {
    const d2 = await getJson<DriverDetail>(api.url, '/api/drivers/d2');
    expect(d2.stats).toMatchObject({ deliveries: 1, onTimeRate: 1 });
    expect(d2.orders).toEqual([expect.objectContaining({ id: 'o2', status: 'delivered', deliveredTs: min(3) })]);
  });
});

describe('GET /api/orders/:id', () => {
  it('shows an assigned order with every transition time and a pickup ETA', async () => {
    const o1 = await getJson<OrderView>(api.url, '/api/orders/o1');
    expect(Object.keys(o1)).toEqual(expect.arrayContaining(ORDER_FIELDS));
    expect(o1).toMatchObject({
      id: 'o1',
      status: 'assigned',
      pickup: P,
      dropoff: D,
      driverId: 'd1',
      createdTs: min(1),
      assignedTs: min(2),
      pickedUpTs: null,
      deliveredTs: null,
      cancelledTs: null,
      promisedTs: min(30),
    });
    expect(o1.eta).toMatchObject({ stop: 'pickup', updatedTs: min(10) });
    expect(o1.eta!.ts).toBeGreaterThan(min(10));
  });

  it('shows no ETA for a delivered order', async () => {
    const o2 = await getJson<OrderView>(api.url, '/api/orders/o2');
    expect(o2).toMatchObject({ status: 'delivered', pickedUpTs: min(2), deliveredTs: min(3), eta: null });
  });

  it('shows no ETA for an order nobody took', async () => {
    const o3 = await getJson<OrderView>(api.url, '/api/orders/o3');
    expect(o3).toMatchObject({ status: 'created', driverId: null, eta: null });
  });
});

describe('GET /api/metrics', () => {
  it('counts drivers, orders and ingest with the contract fields', async () => {
    const m = await getJson<MetricsBody>(api.url, '/api/metrics');
    expect(m.ts).toBe(min(10));
    expect(m.drivers).toEqual({ online: 2, idle: 1, busy: 1 });
    expect(m.orders).toMatchObject({ open: 2, unassigned: 1 });
    for (const k of ['createdPerMin', 'deliveredPerMin', 'cancelledPerMin'] as const) expect(typeof m.orders[k]).toBe('number');
    expect(m.orders.cancelledPerMin).toBe(0);
    expect(m).toHaveProperty('onTimeRate');
    expect(m.eta).toEqual({ maeSeconds: expect.toSatisfy((x) => x === null || typeof x === 'number'), samples: expect.any(Number) });
    expect(m.ingest).toMatchObject({ rejected: 1, duplicates: 1, deadLetters: 2, late: 0, accepted: scenario.length });
    expect(m.ingest.eventsPerSec).toBeGreaterThan(0);
  });
});

describe('GET /api/zones', () => {
  it('lists the cell with idle supply and waiting demand', async () => {
    const z = await getJson<ZonesBody>(api.url, '/api/zones');
    expect(z.ts).toBe(min(10));
    expect(Number.isInteger(z.resolution)).toBe(true);
    const busy = z.zones.filter((c) => c.demand > 0);
    expect(busy).toHaveLength(1);
    expect(busy[0]).toMatchObject({ supply: 1, demand: 1 });
    expect(busy[0].cell).toMatch(/^[0-9a-f]{15}$/);
    for (const c of z.zones) expect(Object.keys(c)).toEqual(expect.arrayContaining(['cell', 'supply', 'demand', 'ratio', 'surge']));
  });
});

describe('GET /api/alerts', () => {
  it('opens a stale_driver alert for the driver silent since minute 0', async () => {
    const body = await getJson<AlertsBody>(api.url, '/api/alerts');
    expect(body.ts).toBe(min(10));
    const stale = body.alerts.filter((a) => a.kind === 'stale_driver');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ entityId: 'd2', lat: P.lat, lng: P.lng });
    expect(stale[0].since).toBeGreaterThan(min(0));
    for (const a of body.alerts) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'kind', 'entityId', 'since', 'message', 'lat', 'lng']));
    }
  });
});

describe('GET /api/dead-letters', () => {
  it('lists the events that could never apply, newest first, with their reason', async () => {
    const body = await getJson<DeadLettersBody>(api.url, '/api/dead-letters');
    expect(body.total).toBe(2);
    expect(body.items.map((i) => i.ts)).toEqual([min(2), min(1)]);
    expect(body.items[0].event).toMatchObject({ orderId: 'ghost-b', status: 'picked_up' });
    expect(body.items[0].reason).toMatch(/ghost-b/);
    expect(body.items[1].event).toMatchObject({ orderId: 'ghost-a' });
  });

  it('honours ?limit while the total stays the count of all', async () => {
    const body = await getJson<DeadLettersBody>(api.url, '/api/dead-letters?limit=1');
    expect(body.total).toBe(2);
    expect(body.items.map((i) => (i.event as { orderId: string }).orderId)).toEqual(['ghost-b']);
  });
});

describe('GET /api/series', () => {
  it('gives one point a minute as JSON', async () => {
    const body = await getJson<SeriesBody>(api.url, '/api/series');
    expect(body.points.map((p) => p.ts)).toEqual(Array.from({ length: 11 }, (_, i) => min(i)));
    expect(body.points.reduce((s, p) => s + p.created, 0)).toBe(3);
    expect(body.points.find((p) => p.ts === min(3))).toMatchObject({ delivered: 1, onTimeRate: 1 });
  });

  it('gives the same points as CSV with a header row and text/csv', async () => {
    const res = await fetch(`${api.url}/api/series?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['time', 'ts', 'created', 'delivered', 'online']));
    expect(lines).toHaveLength(1 + 11);
    const row3 = lines[4].split(',');
    expect(row3[header.indexOf('time')]).toBe(new Date(min(3)).toISOString());
    expect(row3[header.indexOf('delivered')]).toBe('1');
  });

  it('limits the points to ?from and ?to', async () => {
    const body = await getJson<SeriesBody>(api.url, `/api/series?from=${min(2)}&to=${min(4)}`);
    expect(body.points.map((p) => p.ts)).toEqual([min(2), min(3), min(4)]);
  });
});

describe('GET /healthz', () => {
  it('answers 200 while serving', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
