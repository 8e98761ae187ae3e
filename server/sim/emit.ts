/**
 * Contract events as the simulator writes them: fields in the order validateEvent normalizes to
 * (type, id, entity id, ts, then the rest), numbers rounded to what a real producer would send,
 * and an id on every event so a producer can retry safely.
 */
import type { DriverEvent, FleetEvent, LatLng, LocationEvent, OrderEvent, OrderStatus } from '../../lib/events';
import { OFFLINE, type SimDriver } from './driver';
import type { SimOrder } from './orders';

const round = (x: number, k: number) => Math.round(x * k) / k;

export function locationEvent(
  driverId: string,
  ts: number,
  lat: number,
  lng: number,
  speedKph: number,
  heading: number,
  accuracyM: number,
): LocationEvent {
  return {
    type: 'location',
    id: `${driverId}.${ts.toString(36)}`,
    driverId,
    ts,
    lat: round(lat, 1e6),
    lng: round(lng, 1e6),
    speedKph: Math.min(300, Math.max(0, round(speedKph, 10))),
    heading: ((Math.round(heading) % 360) + 360) % 360,
    accuracyM: round(accuracyM, 10),
  };
}

export function driverEvent(driverId: string, ts: number, online: boolean, name: string): DriverEvent {
  const status = online ? 'online' : 'offline';
  return { type: 'driver', id: `${driverId}.${status}.${ts.toString(36)}`, driverId, ts, status, name };
}

export function orderEvent(
  orderId: string,
  ts: number,
  status: OrderStatus,
  extra: { pickup?: LatLng; dropoff?: LatLng; driverId?: string; promisedTs?: number } = {},
): OrderEvent {
  const e: OrderEvent = { type: 'order', id: `${orderId}.${status}`, orderId, ts, status };
  if (extra.pickup) e.pickup = { lat: round(extra.pickup.lat, 1e6), lng: round(extra.pickup.lng, 1e6) };
  if (extra.dropoff) e.dropoff = { lat: round(extra.dropoff.lat, 1e6), lng: round(extra.dropoff.lng, 1e6) };
  if (extra.driverId !== undefined) e.driverId = extra.driverId;
  if (extra.promisedTs !== undefined) e.promisedTs = extra.promisedTs;
  return e;
}

/**
 * The events, with their original ids and times, that bring a consumer up to the present: each
 * online driver's log-on and last fix, and the events so far of every open order. Sorted by ts.
 */
export function catchUpEvents(drivers: readonly SimDriver[], openOrders: Iterable<SimOrder>): FleetEvent[] {
  const out: FleetEvent[] = [];
  for (const d of drivers) {
    if (d.state === OFFLINE || !d.onlineEvent) continue;
    out.push(d.onlineEvent);
    if (d.lastFix) out.push(d.lastFix);
  }
  for (const o of openOrders) {
    out.push(orderEvent(o.id, o.createdTs, 'created', { pickup: o.pickup, dropoff: o.dropoff, promisedTs: o.promisedTs }));
    const driverId = o.driver >= 0 ? drivers[o.driver].id : undefined;
    if (o.assignedTs !== null) out.push(orderEvent(o.id, o.assignedTs, 'assigned', { driverId }));
    if (o.pickedUpTs !== null) out.push(orderEvent(o.id, o.pickedUpTs, 'picked_up', { driverId }));
  }
  return out.sort((a, b) => a.ts - b.ts);
}
