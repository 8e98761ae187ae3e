/**
 * The events producers send (contract section 1). These are the normalized shapes that every
 * part of the system sees after `validateEvent`: unknown fields are gone, optional fields are
 * either present with a valid value or absent.
 */

/** Milliseconds since the Unix epoch, UTC. */
export type Millis = number;

export interface LatLng {
  lat: number;
  lng: number;
}

export interface LocationEvent {
  type: 'location';
  driverId: string;
  ts: Millis;
  lat: number;
  lng: number;
  speedKph?: number;
  heading?: number;
  accuracyM?: number;
  id?: string;
}

export type DriverEventStatus = 'online' | 'offline';

export interface DriverEvent {
  type: 'driver';
  driverId: string;
  ts: Millis;
  status: DriverEventStatus;
  name?: string;
  id?: string;
}

export type OrderStatus = 'created' | 'assigned' | 'picked_up' | 'delivered' | 'cancelled';

export interface OrderEvent {
  type: 'order';
  orderId: string;
  ts: Millis;
  status: OrderStatus;
  pickup?: LatLng;
  dropoff?: LatLng;
  driverId?: string;
  promisedTs?: Millis;
  id?: string;
}

export type FleetEvent = LocationEvent | DriverEvent | OrderEvent;
export type EventType = FleetEvent['type'];

export const EVENT_TYPES: readonly EventType[] = ['location', 'driver', 'order'];
export const DRIVER_EVENT_STATUSES: readonly DriverEventStatus[] = ['online', 'offline'];
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'created',
  'assigned',
  'picked_up',
  'delivered',
  'cancelled',
];

/** Ids are 1 to 64 characters from [A-Za-z0-9_.:-]. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The entity an event is about: a driver for location and driver events, an order otherwise. */
export function entityIdOf(event: FleetEvent): string {
  return event.type === 'order' ? event.orderId : event.driverId;
}
