import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { Engine } from '../../server/engine/engine';
import type { EtaQuery, EtaStep } from '../../server/engine/eta';
import { roadEta, ROAD_ETA_DEFAULTS } from '../../server/engine/eta-road';
import { restoreEngine, snapshotEngine } from '../../server/engine/snapshot';
import { orderBody } from '../../server/engine/views';
import { generateCity } from '../../server/roads/generate';
import { assigned, created, feed, loc, online, pickedUp, sec } from '../support/events';
import { at, tinyGraph } from '../roads/tiny-graphs';

/* A straight residential road A - B - C, 2 km east at 36 km/h: 200 s at free flow. */
const road = () => tinyGraph({ A: [0, 0], B: [1000, 0], C: [2000, 0] }, [{ points: ['A', 'B', 'C'] }]);
const ll = (x: number, y = 0) => {
  const [lat, lng] = at(x, y);
  return { lat, lng };
};
const query = (atTs: number, extra: Partial<EtaQuery> = {}): EtaQuery => ({ from: ll(0), to: ll(2000), atTs, driverKph: null, zoneKph: null, ...extra });

/** Steps of one driver along the road, `kph` fast, one every 10 s from `fromTs` for `minutes`. */
function steps(driverId: string, fromTs: number, minutes: number, kph: number): EtaStep[] {
  const out: EtaStep[] = [];
  const m = (kph / 3.6) * 10;
  for (let i = 0; i < minutes * 6; i++) {
    const x0 = (i * m) % 1900;
    const a = ll(x0);
    const b = ll(x0 + m);
    out.push({ driverId, fromTs: fromTs + i * 10_000, fromLat: a.lat, fromLng: a.lng, toTs: fromTs + (i + 1) * 10_000, toLat: b.lat, toLng: b.lng, metres: m });
  }
  return out;
}

describe('road ETA model', () => {
  it('before anything is learned: the route at free flow times the prior ratio, plus the time to stop', () => {
    const model = roadEta(road().graph);
    const expected = 200 * ROAD_ETA_DEFAULTS.priorRatio + ROAD_ETA_DEFAULTS.arriveS;
    expect(model.travelMs(query(sec(0))) / 1000).toBeCloseTo(expected, 0);
  });

  it('learns from steps how much slower than free flow the roads are driven', () => {
    const model = roadEta(road().graph);
    // An hour at 18 km/h on 36 km/h roads: twice the free-flow time.
    for (const s of steps('d1', sec(0), 60, 18)) model.observeStep(s, 1);
    const seconds = model.travelMs(query(sec(3600))) / 1000 - ROAD_ETA_DEFAULTS.arriveS;
    expect(seconds).toBeGreaterThan(200 * 1.9);
    expect(seconds).toBeLessThan(200 * 2.05);
  });

  it('answers for a time from the steps before it only: later steps change nothing', () => {
    const seen = roadEta(road().graph);
    const never = roadEta(road().graph);
    for (const s of steps('d1', sec(0), 30, 30)) {
      seen.observeStep(s, 1);
      never.observeStep(s, 1);
    }
    const t = sec(30 * 60);
    const q = query(t, { driverId: 'd1' });
    const before = seen.travelMs(q);
    // Much slower traffic after t, by the same driver (within the pace it keeps) and another.
    for (const s of [...steps('d1', t, 15, 6), ...steps('d2', t, 30, 6)]) seen.observeStep(s, 1);
    expect(seen.travelMs(q)).toBe(before);
    expect(never.travelMs(q)).toBe(before);
    // ...while an answer for a later time does use them.
    expect(seen.travelMs(query(t + 30 * 60_000))).toBeGreaterThan(never.travelMs(query(t + 30 * 60_000)) * 1.5);
  });

  it('blends in the driver\'s own pace: a driver slower than the traffic gets a later ETA', () => {
    const model = roadEta(road().graph);
    for (const s of steps('fleet', sec(0), 60, 30)) model.observeStep(s, 1);
    for (const s of steps('slow', sec(3300), 5, 15)) model.observeStep(s, 1);
    const t = sec(3600);
    expect(model.travelMs(query(t, { driverId: 'slow' }))).toBeGreaterThan(model.travelMs(query(t, { driverId: 'unknown' })) * 1.2);
  });

  it('falls back to the straight line off the map', () => {
    const model = roadEta(road().graph);
    const far = query(sec(0), { from: ll(0, 5000), to: ll(2000, 9000) });
    const straightS = 4472 * ROAD_ETA_DEFAULTS.detour / (ROAD_ETA_DEFAULTS.fallbackKph / 3.6) * ROAD_ETA_DEFAULTS.priorRatio;
    expect(model.travelMs(far) / 1000).toBeCloseTo(straightS + ROAD_ETA_DEFAULTS.arriveS, -1);
  });
});

describe('road ETA model in the engine', () => {
  const city = generateCity(3, { widthKm: 4, heightKm: 3 });
  const C = { lat: 41.1579, lng: -8.6291 };
  const east = (m: number, north = 0) => ({ lat: C.lat + north / 111_320, lng: C.lng + m / (111_320 * Math.cos((C.lat * Math.PI) / 180)) });
  /** A driver going east at `kph` from `x0` metres, a fix every 10 s. */
  const drive = (id: string, fromS: number, n: number, kph: number, x0 = -1500, north = 0): FleetEvent[] =>
    Array.from({ length: n }, (_, i) => {
      const p = east(x0 + (kph / 3.6) * 10 * i, north);
      return loc(id, sec(fromS + 10 * i), p.lat, p.lng);
    });
  const dropoff = east(1500, 600);
  const BEFORE: FleetEvent[] = [
    online('d1', sec(0)),
    ...drive('d2', 0, 60, 25, -1500, 300),
    ...drive('d3', 0, 60, 35, -1000, -300),
    created('o1', sec(300), { pickup: east(-1000), dropoff }),
    assigned('o1', sec(300), 'd1'),
    ...drive('d1', 300, 30, 30),
    pickedUp('o1', sec(590)),
  ].sort((a, b) => a.ts - b.ts);
  const LATER: FleetEvent[] = [...drive('d2', 600, 60, 8, -1000, 300), ...drive('d3', 600, 60, 8, -500, -300)];

  it('gives an order the same ETA from a fix whatever later events of others arrive, as a run that never saw them', () => {
    const seen = feed(new Engine({}, roadEta(city)), BEFORE);
    const eta = orderBody(seen, 'o1')!.eta!;
    expect(eta.stop).toBe('dropoff');
    feed(seen, LATER);
    expect(orderBody(seen, 'o1')!.eta).toEqual(eta);
    expect(orderBody(feed(new Engine({}, roadEta(city)), BEFORE), 'o1')!.eta).toEqual(eta);
  });

  it('keeps what it learned in snapshots: a restored engine fed the rest equals one that never stopped', () => {
    const all = [...BEFORE, ...LATER].sort((a, b) => a.ts - b.ts);
    const json = (e: Engine) => JSON.parse(JSON.stringify(snapshotEngine(e)));
    for (const cut of [0, 50, 120, all.length]) {
      const first = json(feed(new Engine({}, roadEta(city)), all.slice(0, cut)));
      expect(first.eta).toBeDefined();
      const resumed = feed(restoreEngine(first, {}, roadEta(city)), all.slice(cut));
      expect(json(resumed)).toEqual(json(feed(new Engine({}, roadEta(city)), all)));
    }
  });

  it('answers the same whatever route trees the process already holds (they are a cache, not state)', () => {
    const warm = roadEta(city);
    const spot = (i: number) => ({ lat: city.lat[(i * 7919) % city.nodeCount] + 0.0003, lng: city.lng[(i * 104729) % city.nodeCount] });
    const queries = Array.from({ length: 60 }, (_, i): EtaQuery => ({ from: spot(i), to: spot((i % 5) + 1000), atTs: sec(600), driverKph: null, zoneKph: null }));
    const warmAnswers = queries.map((q) => warm.travelMs(q));
    // Another copy of the same city has trees of its own: each answer below is from cold trees.
    const copy = () => roadEta(generateCity(3, { widthKm: 4, heightKm: 3 }));
    expect(queries.map((q) => copy().travelMs(q))).toEqual(warmAnswers);
    expect([...queries].reverse().map((q) => warm.travelMs(q))).toEqual([...warmAnswers].reverse());
  });

  it('a late fix spliced into a trail leaves the learned speeds as if it had come in order', () => {
    const fixes = drive('d9', 0, 40, 30);
    const late = fixes.splice(20, 1)[0];
    const inOrder = feed(new Engine({}, roadEta(city)), drive('d9', 0, 40, 30));
    const spliced = feed(new Engine({}, roadEta(city)), [...fixes, late]);
    const m1 = inOrder.eta as ReturnType<typeof roadEta>;
    const m2 = spliced.eta as ReturnType<typeof roadEta>;
    const q = { from: east(-1000), to: dropoff, atTs: sec(3600), driverKph: null, zoneKph: null, driverId: 'd9' };
    expect(m2.travelMs(q)).toBeCloseTo(m1.travelMs(q), -1);
    expect(m2.driverPace('d9', sec(400))).toBeCloseTo(m1.driverPace('d9', sec(400)), 9);
  });
});
