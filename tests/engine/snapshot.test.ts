import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetEvent, OrderEvent } from '../../lib/events';
import { Engine } from '../../server/engine/engine';
import { decodeOrderEntry } from '../../server/engine/order-entry-codec';
import { restoreEngine, snapshotEngine } from '../../server/engine/snapshot';
import { deadLettersBody, orderBody } from '../../server/engine/views';
import { assigned, created, delivered, feed, loc, min, north, online, P, pickedUp, sec } from '../support/events';
import { canonicalState } from './canonical';
import { arrivalsArb, scenarioArb } from './random-events';

/** The snapshot as it would be stored: plain JSON. */
const json = (e: Engine) => JSON.parse(JSON.stringify(snapshotEngine(e))) as ReturnType<typeof snapshotEngine>;

/** Runs `before`, snapshots through JSON, restores, runs `after`. */
function resumed(before: FleetEvent[], after: FleetEvent[]): Engine {
  return feed(restoreEngine(json(feed(new Engine(), before))), after);
}

/*
 * Across the snapshot point: o1 is picked up at 0:10 and its at-pickup ETA waits for the
 * watermark; o2's pickup at 0:30 waits for its assignment (0:20), which arrives after the point;
 * o3's delivery at 0:40 can never apply and is dead-lettered after the point.
 */
const BEFORE: FleetEvent[] = [
  online('d1', sec(0)),
  loc('d1', sec(0), P.lat, P.lng),
  created('o1', sec(0), { promisedTs: min(10) }),
  assigned('o1', sec(5), 'd1'),
  pickedUp('o1', sec(10)),
  created('o2', sec(12)),
  pickedUp('o2', sec(30)),
  created('o3', sec(15)),
  delivered('o3', sec(40)),
];
const AFTER: FleetEvent[] = [
  assigned('o2', sec(20), 'd1'),
  ...north('d1', sec(45), 20, 10, 0.0005),
  delivered('o1', sec(300)),
  delivered('o2', sec(310)),
];

describe('snapshot and restore', () => {
  it('a restored engine applies an event that waited for its gap across the snapshot', () => {
    expect(orderBody(resumed(BEFORE, AFTER), 'o2')).toMatchObject({ status: 'delivered', assignedTs: sec(20), pickedUpTs: sec(30) });
  });

  it('a restored engine captures an at-pickup ETA that was pending at the snapshot', () => {
    const uninterrupted = feed(new Engine(), [...BEFORE, ...AFTER]);
    const etaAtPickup = orderBody(uninterrupted, 'o1')!.etaAtPickupTs;
    expect(etaAtPickup).not.toBeNull();
    expect(orderBody(resumed(BEFORE, AFTER), 'o1')!.etaAtPickupTs).toBe(etaAtPickup);
  });

  it('a restored engine dead-letters a waiting event once the watermark passes it', () => {
    expect(deadLettersBody(resumed(BEFORE, AFTER)).items.map((x) => x.event)).toEqual([delivered('o3', sec(40))]);
  });

  it('a restored engine fed the rest has the snapshot of an engine that never stopped', () => {
    expect(json(resumed(BEFORE, AFTER))).toEqual(json(feed(new Engine(), [...BEFORE, ...AFTER])));
  });

  it('taking a snapshot does not change the engine it was taken from', () => {
    const e = feed(new Engine(), BEFORE);
    json(e);
    expect(json(feed(e, AFTER))).toEqual(json(feed(new Engine(), [...BEFORE, ...AFTER])));
  });

  it('a snapshot of version 2 (order events as objects) restores to the same engine', () => {
    const v3 = json(feed(new Engine(), BEFORE));
    const v2 = {
      ...v3,
      version: 2 as const,
      orders: v3.orders.map(({ rows, ...o }) => ({ ...o, entries: rows!.map((row) => [row[0], decodeOrderEntry(o.id, row).event] as [number, OrderEvent]) })),
    };
    expect(json(feed(restoreEngine(v2), AFTER))).toEqual(json(feed(new Engine(), [...BEFORE, ...AFTER])));
  });

  it('a restored order keeps the rows it came with, as its events, until something needs them', () => {
    const snap = json(feed(new Engine(), BEFORE));
    const restored = restoreEngine(snap);
    expect(restored.orders.get('o3')!.entries).toBeNull();
    expect(snapshotEngine(restored).orders.find((o) => o.id === 'o3')!.rows).toBe(snap.orders.find((o) => o.id === 'o3')!.rows);
    feed(restored, [assigned('o3', sec(20), 'd1')]);
    expect(restored.orders.get('o3')!.entries!.map((x) => x.status)).toEqual(['created', 'assigned', 'delivered']);
  });

  it('an empty engine survives a snapshot', () => {
    expect(json(resumed([], AFTER))).toEqual(json(feed(new Engine(), AFTER)));
  });

  it('any cut point of a random stream, late events and copies included, resumes to the same state', () => {
    const LATENESS = new Engine().cfg.allowedLatenessMs;
    const arb = scenarioArb
      .chain((events) => arrivalsArb(events, 3 * LATENESS).map(({ arrivals }) => ({ events, arrivals })))
      .chain(({ events, arrivals }) => fc.nat({ max: arrivals.length }).map((cut) => ({ events, arrivals, cut })));
    fc.assert(
      fc.property(arb, ({ events, arrivals, cut }) => {
        const uninterrupted = feed(new Engine(), arrivals);
        const restored = resumed(arrivals.slice(0, cut), arrivals.slice(cut));
        expect(json(restored)).toEqual(json(uninterrupted));
        expect(canonicalState(restored, events)).toEqual(canonicalState(uninterrupted, events));
      }),
      { numRuns: 200 },
    );
  });
});
