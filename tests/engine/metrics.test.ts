import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetEvent, OrderEvent, OrderStatus } from '../../lib/events';
import { Engine } from '../../server/engine/engine';
import { metricsBody } from '../../server/engine/views';
import { assigned, cancelled, created, feed, lifecycle, loc, min, offline, online, P, pickedUp, sec } from '../support/events';
import { scenarioArb } from './random-events';

const clockAt = (ts: number) => offline('clock', ts);

describe('metrics body', () => {
  it('has the contract fields', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), ...lifecycle('o1', 'd1', [sec(0), sec(1), sec(2), sec(3)], { promisedTs: min(5) }), created('o2', sec(4))]);
    expect(metricsBody(e)).toEqual({
      ts: sec(4),
      drivers: { online: 1, idle: 1, busy: 0 },
      orders: { open: 1, unassigned: 1, createdPerMin: 0.4, deliveredPerMin: 0.2, cancelledPerMin: 0 },
      onTimeRate: 1,
      eta: { maeSeconds: null, samples: 0 },
      ingest: { eventsPerSec: 0.02, late: 0, rejected: 0, duplicates: 0, deadLetters: 0, accepted: 6 },
    });
  });

  it('ts is the newest event time seen', () => {
    const e = feed(new Engine(), [created('o1', sec(30)), created('o2', sec(10))]);
    expect(metricsBody(e).ts).toBe(sec(30));
  });

  it('drivers counts online, idle and busy drivers', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      online('d2', sec(0)),
      loc('d3', sec(0), P.lat, P.lng),
      online('d4', sec(0)),
      offline('d4', sec(1)),
      created('o1', sec(2)),
      assigned('o1', sec(3), 'd2'),
    ]);
    expect(metricsBody(e).drivers).toEqual({ online: 3, idle: 2, busy: 1 });
  });

  it('orders.open counts created, assigned and picked-up orders', () => {
    const e = feed(new Engine(), [
      created('o1', sec(0)),
      ...lifecycle('o2', 'd1', [sec(0), sec(1)]),
      ...lifecycle('o3', 'd1', [sec(0), sec(1), sec(2)]),
      ...lifecycle('o4', 'd1', [sec(0), sec(1), sec(2), sec(3)]),
      created('o5', sec(0)),
      cancelled('o5', sec(1)),
    ]);
    expect(metricsBody(e).orders.open).toBe(3);
  });

  it('orders.unassigned counts created orders with no driver yet', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), created('o2', sec(0)), assigned('o2', sec(1), 'd1')]);
    expect(metricsBody(e).orders.unassigned).toBe(1);
  });

  it('createdPerMin, deliveredPerMin and cancelledPerMin are counts over the last 5 minutes / 5', () => {
    const e = feed(new Engine(), [
      created('o2', min(1)),
      created('o3', min(2)),
      cancelled('o3', min(3)),
      ...lifecycle('o1', 'd1', [min(2), min(3), min(4), min(5)]),
    ]);
    expect(metricsBody(e).orders).toMatchObject({ createdPerMin: 0.6, deliveredPerMin: 0.2, cancelledPerMin: 0.2 });
  });

  it('rates leave out events older than the 5-minute window', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), created('o2', sec(1)), clockAt(sec(300))]);
    // the window holds the seconds (0:00, 5:00]: o2 at 0:01 is in, o1 at 0:00 is out
    expect(metricsBody(e).orders.createdPerMin).toBe(0.2);
  });

  it('rates over a long busy stream count exactly the last 300 seconds', () => {
    const e = feed(new Engine(), Array.from({ length: 400 }, (_, i) => created(`o${i}`, sec(i))));
    expect(metricsBody(e).orders.createdPerMin).toBe(60);
  });

  it('onTimeRate is the on-time share of the window deliveries that had a promise', () => {
    const e = feed(new Engine(), [
      ...lifecycle('o1', 'd1', [sec(0), sec(1), sec(2), sec(60)], { promisedTs: sec(60) }),
      ...lifecycle('o2', 'd1', [sec(0), sec(1), sec(2), sec(61)], { promisedTs: sec(60) }),
      ...lifecycle('o3', 'd1', [sec(0), sec(1), sec(2), sec(62)], { promisedTs: sec(90) }),
      ...lifecycle('o4', 'd1', [sec(0), sec(1), sec(2), sec(63)]),
    ]);
    expect(metricsBody(e).onTimeRate).toBe(0.667);
  });

  it('onTimeRate is null without deliveries that had a promise', () => {
    const e = feed(new Engine(), lifecycle('o1', 'd1', [sec(0), sec(1), sec(2), sec(3)]));
    expect(metricsBody(e).onTimeRate).toBeNull();
  });

  it('eventsPerSec is accepted events over the last 5 minutes / 300', () => {
    const events = Array.from({ length: 30 }, (_, i) => loc('d1', sec(i * 10), P.lat, P.lng));
    expect(metricsBody(feed(new Engine(), events)).ingest.eventsPerSec).toBe(0.1);
  });

  it('ingest.rejected counts the events refused at the door', () => {
    const e = new Engine();
    e.countRejected(2);
    e.countRejected(1);
    expect(metricsBody(e).ingest.rejected).toBe(3);
  });

  it('ingest counts late events, duplicates and dead letters', () => {
    const e = feed(new Engine(), [clockAt(min(10)), created('o1', min(5)), created('o1', min(5)), pickedUp('o9', min(9)), clockAt(min(12))]);
    expect(metricsBody(e).ingest).toMatchObject({ late: 1, duplicates: 1, deadLetters: 1 });
  });
});

// ------------------------------------------------------------------ batch recomputation

const LATENESS = new Engine().cfg.allowedLatenessMs;
const WINDOW_S = new Engine().cfg.windowMs / 1000;
const WINDOW_MIN = WINDOW_S / 60;

const NEXT: Record<OrderStatus | 'none', readonly OrderStatus[]> = {
  none: ['created'],
  created: ['assigned', 'cancelled'],
  assigned: ['assigned', 'picked_up', 'cancelled'],
  picked_up: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};
const RANK: Record<OrderStatus, number> = { created: 0, assigned: 1, picked_up: 2, delivered: 3, cancelled: 4 };

const keyOf = (ev: FleetEvent) =>
  ev.id ?? (ev.type === 'location' ? `location|${ev.driverId}|${ev.ts}` : ev.type === 'driver' ? `driver|${ev.driverId}|${ev.ts}|${ev.status}` : `order|${ev.orderId}|${ev.ts}|${ev.status}`);

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The window metrics computed from scratch over the events that have arrived: the first arrival
 * of each key is accepted, late when it is more than the lateness behind the newest event before
 * it; an order's transitions apply in ts order, an event that cannot apply waits while the
 * watermark has not passed it and is dropped (dead-lettered) once it has.
 */
function batchMetrics(arrived: FleetEvent[]) {
  const seen = new Set<string>();
  const accepted: { ev: FleetEvent; late: boolean }[] = [];
  let now = -Infinity;
  let duplicates = 0;
  for (const ev of arrived) {
    const k = keyOf(ev);
    if (seen.has(k)) {
      duplicates++;
      continue;
    }
    seen.add(k);
    accepted.push({ ev, late: ev.ts < now - LATENESS });
    now = Math.max(now, ev.ts);
  }
  const inWindow = (ts: number) => Math.floor(ts / 1000) > Math.floor(now / 1000) - WINDOW_S;
  const wm = now - LATENESS;

  const byOrder = new Map<string, { ev: OrderEvent; late: boolean }[]>();
  for (const a of accepted) {
    if (a.ev.type !== 'order') continue;
    const list = byOrder.get(a.ev.orderId) ?? [];
    list.push(a as { ev: OrderEvent; late: boolean });
    byOrder.set(a.ev.orderId, list);
  }
  const applied: { ev: OrderEvent; late: boolean; promisedTs: number | null }[] = [];
  let deadLetters = 0;
  for (const list of byOrder.values()) {
    list.sort((a, b) => a.ev.ts - b.ev.ts || RANK[a.ev.status] - RANK[b.ev.status]);
    let status: OrderStatus | 'none' = 'none';
    let promisedTs: number | null = null;
    for (const a of list) {
      if (!NEXT[status].includes(a.ev.status)) {
        if (a.ev.ts < wm) {
          deadLetters++;
          continue;
        }
        break;
      }
      status = a.ev.status;
      if (a.ev.promisedTs !== undefined) promisedTs = a.ev.promisedTs;
      applied.push({ ...a, promisedTs });
    }
  }
  const counted = applied.filter((a) => !a.late && inWindow(a.ev.ts));
  const count = (s: OrderStatus) => counted.filter((a) => a.ev.status === s).length;
  const promised = counted.filter((a) => a.ev.status === 'delivered' && a.promisedTs !== null);
  const onTime = promised.filter((a) => a.ev.ts <= a.promisedTs!).length;
  return {
    orders: {
      createdPerMin: round(count('created') / WINDOW_MIN, 2),
      deliveredPerMin: round(count('delivered') / WINDOW_MIN, 2),
      cancelledPerMin: round(count('cancelled') / WINDOW_MIN, 2),
    },
    onTimeRate: promised.length ? round(onTime / promised.length, 3) : null,
    ingest: {
      eventsPerSec: round(accepted.filter((a) => !a.late && inWindow(a.ev.ts)).length / WINDOW_S, 2),
      late: accepted.filter((a) => a.late).length,
      duplicates,
      deadLetters,
    },
  };
}

/**
 * Arrival orders with many late events: locations and driver events are delayed by up to four
 * times the lateness each; an order's events are either jittered within the lateness or delayed
 * together (keeping their order) beyond it, so every transition still finds its predecessor. Some
 * events are re-sent.
 */
const arrivals = scenarioArb.chain((events) => {
  const n = events.length;
  const orderIds = [...new Set(events.flatMap((ev) => (ev.type === 'order' ? [ev.orderId] : [])))];
  return fc
    .record({
      delays: fc.array(fc.integer({ min: 0, max: 4 * LATENESS }), { minLength: n, maxLength: n }),
      groupDelay: fc.array(fc.option(fc.integer({ min: LATENESS + 1, max: 4 * LATENESS }), { nil: undefined }), { minLength: orderIds.length, maxLength: orderIds.length }),
      copies: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 0, max: LATENESS })), { maxLength: 10 }),
      ties: fc.array(fc.nat(), { minLength: n + 10, maxLength: n + 10 }),
    })
    .map(({ delays, groupDelay, copies, ties }) => {
      const group = new Map(orderIds.map((id, i) => [id, groupDelay[i]]));
      const delayOf = (ev: FleetEvent, i: number) => {
        if (ev.type !== 'order') return delays[i];
        return group.get(ev.orderId) ?? delays[i] % (LATENESS + 1);
      };
      const all = events.map((ev, i) => ({ key: ev.ts + delayOf(ev, i), tie: i, ev }));
      // Copies are re-sent within the lateness, of events that also arrived within it: ids are
      // remembered for a bounded horizon (config dedupHorizonMs), longer than that.
      copies.forEach(([i, d], c) => {
        if (all[i].key - events[i].ts <= LATENESS) all.push({ key: events[i].ts + d, tie: n + ties[c], ev: structuredClone(events[i]) });
      });
      all.sort((a, b) => a.key - b.key || a.tie - b.tie);
      return all.map((a) => a.ev);
    });
});

describe('rolling metrics', () => {
  it('equal a batch recomputation over the same events, at every point of the stream', () => {
    fc.assert(
      fc.property(arrivals, (arrived) => {
        const e = new Engine();
        arrived.forEach((ev, i) => {
          e.ingest(ev);
          if (i % 7 === 6 || i === arrived.length - 1) {
            expect(metricsBody(e)).toMatchObject(batchMetrics(arrived.slice(0, i + 1)));
          }
        });
      }),
      { numRuns: 400 },
    );
  });
});
