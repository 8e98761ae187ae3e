import type { DriverEvent, FleetEvent, LocationEvent, OrderEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';

/** Tiny builders for literal event lists. Times are minutes/seconds after T0 for readability. */
export const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
export const sec = (s: number) => T0 + s * 1000;
export const min = (m: number) => T0 + m * 60_000;

export const online = (driverId: string, ts: number, name?: string): DriverEvent =>
  name === undefined
    ? { type: 'driver', driverId, ts, status: 'online' }
    : { type: 'driver', driverId, ts, status: 'online', name };
export const offline = (driverId: string, ts: number): DriverEvent => ({ type: 'driver', driverId, ts, status: 'offline' });

export const loc = (driverId: string, ts: number, lat: number, lng: number, extra: Partial<LocationEvent> = {}): LocationEvent => ({
  type: 'location',
  driverId,
  ts,
  lat,
  lng,
  ...extra,
});

export const P = { lat: 41.15, lng: -8.61 };
export const D = { lat: 41.16, lng: -8.6 };

export const created = (orderId: string, ts: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({
  type: 'order',
  orderId,
  ts,
  status: 'created',
  pickup: P,
  dropoff: D,
  ...extra,
});
export const assigned = (orderId: string, ts: number, driverId: string): OrderEvent => ({
  type: 'order',
  orderId,
  ts,
  status: 'assigned',
  driverId,
});
export const pickedUp = (orderId: string, ts: number): OrderEvent => ({ type: 'order', orderId, ts, status: 'picked_up' });
export const delivered = (orderId: string, ts: number): OrderEvent => ({ type: 'order', orderId, ts, status: 'delivered' });
export const cancelled = (orderId: string, ts: number): OrderEvent => ({ type: 'order', orderId, ts, status: 'cancelled' });

/** A driver moving east along a parallel at `kph`, one fix every `everyS` seconds. */
export function drive(driverId: string, fromTs: number, n: number, everyS = 10, kph = 36, lat = 41.15, lng0 = -8.65): LocationEvent[] {
  const degPerM = 1 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const out: LocationEvent[] = [];
  for (let i = 0; i < n; i++) {
    const metres = (kph / 3.6) * everyS * i;
    out.push(loc(driverId, fromTs + i * everyS * 1000, lat, lng0 + metres * degPerM));
  }
  return out;
}

export function feed<E extends { ingest(e: FleetEvent): unknown }>(engine: E, events: FleetEvent[]): E {
  for (const e of events) engine.ingest(e);
  return engine;
}

/** The same event with a producer id (retries with this id are duplicates). */
export const withId = <E extends FleetEvent>(ev: E, id: string): E => ({ ...ev, id });

/**
 * A driver moving due north from (lat0, lng), `stepDeg` degrees of latitude every `everyS`
 * seconds, so distances are hand-computable: each 0.001 degree step is 111.195 m.
 */
export function north(driverId: string, fromTs: number, n: number, everyS = 10, stepDeg = 0.001, lat0 = 41.15, lng = -8.61): LocationEvent[] {
  const out: LocationEvent[] = [];
  for (let i = 0; i < n; i++) out.push(loc(driverId, fromTs + i * everyS * 1000, round6(lat0 + i * stepDeg), lng));
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** created, assigned, picked_up, delivered at the given times (fewer times, fewer steps). */
export function lifecycle(orderId: string, driverId: string, times: number[], extra: Partial<OrderEvent> = {}): OrderEvent[] {
  const steps = [
    (ts: number) => created(orderId, ts, extra),
    (ts: number) => assigned(orderId, ts, driverId),
    (ts: number) => pickedUp(orderId, ts),
    (ts: number) => delivered(orderId, ts),
  ];
  return times.map((ts, i) => steps[i](ts));
}

/**
 * The event as the engine is given it: validated, which also puts its keys in the validator's
 * order (a restored engine rebuilds an order's events in that order; see order-entry-codec.ts).
 * Throws on an event the validator refuses.
 */
export function validated<E extends FleetEvent>(ev: unknown): E {
  const r = validateEvent(ev);
  if (!r.ok) throw new Error(`not a valid event: ${r.error}`);
  return r.event as E;
}
