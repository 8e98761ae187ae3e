import fc from 'fast-check';
import type { FleetEvent, LocationEvent, OrderEvent } from '../../lib/events';
import { T0, validated } from '../support/events';

/**
 * Realistic random event lists for the property tests: a few drivers sending fixes (some announce
 * themselves, some go offline for a while, the odd GPS jump), orders with full and partial
 * lifecycles (some reassigned, some cancelled, a few broken so that events dead-letter), some
 * events carrying ids. Every (type, entity, ts, status) key is unique, so the list has no
 * duplicates of its own.
 */

const BASE_LAT = 41.15;
const BASE_LNG = -8.61;
/** positions are on a grid of 0.0005 degrees (about 55 m) around the base */
const GRID = 0.0005;

const fixStep = fc.record({
  dtS: fc.integer({ min: 3, max: 40 }),
  dLat: fc.integer({ min: -2, max: 2 }),
  dLng: fc.integer({ min: -2, max: 2 }),
  /** 1 in 25 fixes jumps kilometres away and back */
  jump: fc.integer({ min: 0, max: 24 }).map((x) => x === 0),
  /** the producer sends speed and heading */
  motion: fc.boolean(),
});

const driverArb = fc.record({
  startS: fc.integer({ min: 0, max: 120 }),
  start: fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })),
  steps: fc.array(fixStep, { minLength: 3, maxLength: 50 }),
  /** sends an online event before its first fix (otherwise the fix brings it online) */
  announced: fc.boolean(),
  /** goes offline after this fix and comes back online some seconds later */
  pause: fc.option(fc.record({ afterStep: fc.nat(), offS: fc.integer({ min: 1, max: 200 }) }), { nil: undefined }),
  ids: fc.boolean(),
});

const orderArb = fc.record({
  createdS: fc.integer({ min: 0, max: 900 }),
  gapsS: fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 400 })),
  /** 0 created only, 1 assigned, 2 picked up, 3 delivered */
  depth: fc.integer({ min: 0, max: 3 }),
  cancelled: fc.boolean(),
  driver: fc.nat(),
  /** reassigned to another driver between assignment and pickup */
  reassign: fc.boolean(),
  pickup: fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })),
  dropoff: fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })),
  promiseS: fc.option(fc.integer({ min: 120, max: 1200 }), { nil: undefined }),
  /** none; drop the assignment (later steps dead-letter); or append an event that cannot apply */
  broken: fc.constantFrom('none', 'none', 'none', 'none', 'skip', 'extra'),
  ids: fc.boolean(),
});

export const scenarioArb = fc
  .record({
    drivers: fc.array(driverArb, { minLength: 1, maxLength: 4 }),
    orders: fc.array(orderArb, { minLength: 1, maxLength: 10 }),
  })
  .map(({ drivers, orders }) => buildEvents(drivers, orders));

type DriverSpec = typeof driverArb extends fc.Arbitrary<infer T> ? T : never;
type OrderSpec = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

const at = (s: number) => T0 + s * 1000;
const pos = (i: number, j: number) => ({ lat: round6(BASE_LAT + i * GRID), lng: round6(BASE_LNG + j * GRID) });
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function buildEvents(drivers: DriverSpec[], orders: OrderSpec[]): FleetEvent[] {
  const out: FleetEvent[] = [];
  drivers.forEach((spec, k) => out.push(...driverEvents(`d${k}`, spec)));
  orders.forEach((spec, k) => out.push(...orderEvents(`o${k}`, spec, drivers.length)));
  // Stable: events of one entity keep their order at equal ts (there are none of the same key).
  return out.map((ev, i) => [ev, i] as const).sort((a, b) => a[0].ts - b[0].ts || a[1] - b[1]).map(([ev]) => ev);
}

function driverEvents(id: string, spec: DriverSpec): FleetEvent[] {
  const out: FleetEvent[] = [];
  let t = spec.startS;
  let [i, j] = spec.start;
  if (spec.announced) out.push({ type: 'driver', driverId: id, ts: at(t - 1), status: 'online', name: `Driver ${id}` });
  spec.steps.forEach((step, n) => {
    t += step.dtS;
    i += step.dLat;
    j += step.dLng;
    const p = step.jump ? { lat: round6(BASE_LAT + 0.08), lng: BASE_LNG } : pos(i, j);
    const fix: LocationEvent = { type: 'location', driverId: id, ts: at(t), ...p };
    if (step.motion) Object.assign(fix, { speedKph: (n * 7) % 60, heading: (n * 37) % 360 });
    out.push(fix);
    if (spec.pause && spec.pause.afterStep % spec.steps.length === n) {
      out.push({ type: 'driver', driverId: id, ts: at(t) + 500, status: 'offline' });
      out.push({ type: 'driver', driverId: id, ts: at(t + spec.pause.offS) + 500, status: 'online' });
    }
  });
  return spec.ids ? out.map((ev, n) => ({ ...ev, id: `${id}-e${n}` })) : out;
}

function orderEvents(id: string, spec: OrderSpec, driverCount: number): OrderEvent[] {
  const driver = `d${spec.driver % driverCount}`;
  const other = `d${(spec.driver + 1) % driverCount}`;
  let t = spec.createdS;
  const ev = (status: OrderEvent['status'], extra: Partial<OrderEvent> = {}): OrderEvent => ({ type: 'order', orderId: id, ts: at(t), status, ...extra });
  const out: OrderEvent[] = [];
  const promise = spec.promiseS === undefined ? {} : { promisedTs: at(spec.createdS + spec.promiseS) };
  out.push(ev('created', { pickup: pos(...spec.pickup), dropoff: pos(...spec.dropoff), ...promise }));
  if (spec.depth >= 1) {
    t += spec.gapsS[0];
    if (spec.broken !== 'skip') out.push(ev('assigned', { driverId: driver }));
    if (spec.reassign && driverCount > 1) {
      t += 7;
      out.push(ev('assigned', { driverId: other }));
    }
  }
  if (spec.depth >= 2) {
    t += spec.gapsS[1];
    out.push(ev('picked_up'));
  }
  if (spec.depth >= 3) {
    t += spec.gapsS[2];
    out.push(ev('delivered'));
  }
  if (spec.cancelled) {
    t += 11;
    out.push(ev('cancelled'));
  }
  if (spec.broken === 'extra') {
    t += 13;
    out.push(ev(spec.depth === 0 && !spec.cancelled ? 'delivered' : 'picked_up'));
  }
  return (spec.ids ? out.map((e, n) => ({ ...e, id: `${id}-e${n}` })) : out).map((e) => validated<OrderEvent>(e));
}

/** One arrival of an event: its position in the arrival order comes from `key`. */
interface Arrival {
  key: number;
  tie: number;
  ev: FleetEvent;
}

/**
 * Arrival orders of a sorted list: each event (and each re-sent copy) is delayed by up to
 * `maxDelayMs` of event time. With `maxDelayMs` equal to the allowed lateness, no event arrives
 * after one more than the lateness newer than it, so nothing is late.
 */
export function arrivalsArb(events: FleetEvent[], maxDelayMs: number, maxCopies = 15): fc.Arbitrary<{ arrivals: FleetEvent[]; copies: number }> {
  const n = events.length;
  const delay = fc.oneof(fc.constant(0), fc.constant(maxDelayMs), fc.integer({ min: 0, max: maxDelayMs }));
  return fc
    .record({
      delays: fc.array(fc.tuple(delay, fc.nat()), { minLength: n, maxLength: n }),
      copies: n ? fc.array(fc.tuple(fc.nat({ max: n - 1 }), delay, fc.nat()), { maxLength: maxCopies }) : fc.constant([]),
    })
    .map(({ delays, copies }) => {
      const all: Arrival[] = events.map((ev, i) => ({ key: ev.ts + delays[i][0], tie: delays[i][1], ev }));
      for (const [i, d, tie] of copies) all.push({ key: events[i].ts + d, tie, ev: structuredClone(events[i]) });
      all.sort((a, b) => a.key - b.key || a.tie - b.tie);
      return { arrivals: all.map((a) => a.ev), copies: copies.length };
    });
}
