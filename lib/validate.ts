/**
 * Validation and normalization of raw producer events (contract section 1).
 *
 * `validateEvent` runs once per event on the ingest hot path, so it is written by hand: no schema
 * library, no regex, no try/catch, no spread of untrusted input. It returns a NEW object holding
 * only the known fields of the event's type, in a fixed order (type, id, entity id, ts, then the
 * rest in contract-table order), or the first error as `"<field>: <rule>"`.
 *
 * @example
 *   const r = validateEvent(JSON.parse(line));
 *   if (r.ok) engine.apply(r.event); else rejected.push({ index, error: r.error });
 */
import type {
  DriverEvent,
  DriverEventStatus,
  FleetEvent,
  LatLng,
  LocationEvent,
  OrderEvent,
  OrderStatus,
} from './events';

export type ValidationResult = { ok: true; event: FleetEvent } | { ok: false; error: string };

type Raw = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE = Object.prototype;

/** The largest time a JS Date can hold (ECMA-262 TimeClip). */
const MAX_TS = 8_640_000_000_000_000;
const MAX_ID_LENGTH = 64;
const MAX_NAME_LENGTH = 100;

/** ID_PATTERN's character class [A-Za-z0-9_.:-] as an ASCII lookup table: 1 = allowed (read only). */
export const ID_CHARS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ID_CHARS[c] = 1; // 0-9
for (let c = 65; c <= 90; c++) ID_CHARS[c] = 1; // A-Z
for (let c = 97; c <= 122; c++) ID_CHARS[c] = 1; // a-z
for (const ch of '_.:-') ID_CHARS[ch.charCodeAt(0)] = 1;

function fail(error: string): ValidationResult {
  return { ok: false, error };
}

/** `null` counts as absent: producers often serialize "no value" as null. */
function isAbsent(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

// Each check below takes a present value (not undefined/null) and returns the error message, or
// undefined when the value is valid. Messages are built only on failure.

/** The first own forbidden key of `o`, if any: JSON.parse creates `__proto__` as an own key. */
function forbiddenKey(o: object): string | undefined {
  if (hasOwn.call(o, '__proto__')) return '__proto__';
  if (hasOwn.call(o, 'constructor')) return 'constructor';
  if (hasOwn.call(o, 'prototype')) return 'prototype';
  return undefined;
}

function idError(field: string, v: unknown): string | undefined {
  if (typeof v !== 'string') return field + ': must be a string';
  const n = v.length;
  let bad = n === 0 || n > MAX_ID_LENGTH;
  for (let i = 0; !bad && i < n; i++) {
    const c = v.charCodeAt(i);
    bad = c > 127 || ID_CHARS[c] === 0;
  }
  return bad ? field + ': must be 1 to 64 characters from [A-Za-z0-9_.:-]' : undefined;
}

function numberError(field: string, v: unknown): string | undefined {
  if (typeof v !== 'number') {
    return typeof v === 'string'
      ? field + ': must be a number, not a string'
      : field + ': must be a number';
  }
  if (!Number.isFinite(v)) return field + ': must be a finite number';
  return undefined;
}

/** Event times: integer milliseconds within the range a Date can represent (from the epoch on). */
function millisError(field: string, v: unknown): string | undefined {
  const e = numberError(field, v);
  if (e !== undefined) return e;
  const n = v as number;
  if (!Number.isInteger(n)) return field + ': must be an integer number of milliseconds';
  if (n < 0 || n > MAX_TS) return field + ': must be between 0 and 8640000000000000';
  return undefined;
}

function latError(field: string, v: unknown): string | undefined {
  const e = numberError(field, v);
  if (e !== undefined) return e;
  const n = v as number;
  return n < -90 || n > 90 ? field + ': must be between -90 and 90' : undefined;
}

function lngError(field: string, v: unknown): string | undefined {
  const e = numberError(field, v);
  if (e !== undefined) return e;
  const n = v as number;
  return n < -180 || n > 180 ? field + ': must be between -180 and 180' : undefined;
}

/**
 * A {lat, lng} object (pickup or dropoff). Its forbidden keys were already checked. On success the
 * caller copies lat and lng into a fresh object, so nothing else of the input survives.
 */
function latLngError(
  field: 'pickup' | 'dropoff',
  latField: 'pickup.lat' | 'dropoff.lat',
  lngField: 'pickup.lng' | 'dropoff.lng',
  v: unknown,
): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return field + ': must be an object with lat and lng';
  }
  const p = v as Raw;
  const lat = p.lat;
  if (isAbsent(lat)) return latField + ': is required';
  const latE = latError(latField, lat);
  if (latE !== undefined) return latE;
  const lng = p.lng;
  if (isAbsent(lng)) return lngField + ': is required';
  return lngError(lngField, lng);
}

function copyLatLng(v: unknown): LatLng {
  const p = v as LatLng;
  return { lat: p.lat, lng: p.lng };
}

/**
 * Validates one raw event (usually straight from JSON.parse) and returns a normalized copy, or
 * the first problem found as `"<field>: <rule>"`, e.g. `"lat: must be between -90 and 90"`.
 * Checks run in a fixed order: object-ness, forbidden keys, type, then the fields in the order of
 * the contract table. Never throws.
 */
export function validateEvent(raw: unknown): ValidationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('event: must be a JSON object');
  }
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== OBJECT_PROTOTYPE && proto !== null) return fail('event: must be a JSON object');
  const o = raw as Raw;

  // Forbidden keys, at the top level and inside pickup/dropoff, before any field is read.
  let key = forbiddenKey(o);
  if (key !== undefined) return fail(key + ': forbidden key');
  const pickup = o.pickup;
  if (typeof pickup === 'object' && pickup !== null) {
    key = forbiddenKey(pickup);
    if (key !== undefined) return fail('pickup.' + key + ': forbidden key');
  }
  const dropoff = o.dropoff;
  if (typeof dropoff === 'object' && dropoff !== null) {
    key = forbiddenKey(dropoff);
    if (key !== undefined) return fail('dropoff.' + key + ': forbidden key');
  }

  const type = o.type;
  if (type === 'location') return validateLocation(o);
  if (type === 'driver') return validateDriver(o);
  if (type === 'order') return validateOrder(o);
  if (isAbsent(type)) return fail('type: is required');
  return fail('type: must be one of location, driver, order');
}

function validateLocation(o: Raw): ValidationResult {
  const driverId = o.driverId;
  if (isAbsent(driverId)) return fail('driverId: is required');
  let e = idError('driverId', driverId);
  if (e !== undefined) return fail(e);

  const ts = o.ts;
  if (isAbsent(ts)) return fail('ts: is required');
  e = millisError('ts', ts);
  if (e !== undefined) return fail(e);

  const lat = o.lat;
  if (isAbsent(lat)) return fail('lat: is required');
  e = latError('lat', lat);
  if (e !== undefined) return fail(e);

  const lng = o.lng;
  if (isAbsent(lng)) return fail('lng: is required');
  e = lngError('lng', lng);
  if (e !== undefined) return fail(e);

  const speedKph = o.speedKph;
  if (!isAbsent(speedKph)) {
    e = numberError('speedKph', speedKph);
    if (e !== undefined) return fail(e);
    const n = speedKph as number;
    if (n < 0 || n > 300) return fail('speedKph: must be between 0 and 300');
  }

  const heading = o.heading;
  if (!isAbsent(heading)) {
    e = numberError('heading', heading);
    if (e !== undefined) return fail(e);
    const n = heading as number;
    if (n < 0 || n >= 360) return fail('heading: must be at least 0 and less than 360');
  }

  const accuracyM = o.accuracyM;
  if (!isAbsent(accuracyM)) {
    e = numberError('accuracyM', accuracyM);
    if (e !== undefined) return fail(e);
    if ((accuracyM as number) < 0) return fail('accuracyM: must be at least 0');
  }

  const id = o.id;
  if (!isAbsent(id)) {
    e = idError('id', id);
    if (e !== undefined) return fail(e);
  }

  const event = locationEvent(
    driverId as string,
    ts as number,
    lat as number,
    lng as number,
    isAbsent(id) ? undefined : (id as string),
    isAbsent(speedKph) ? undefined : (speedKph as number),
    isAbsent(heading) ? undefined : (heading as number),
    isAbsent(accuracyM) ? undefined : (accuracyM as number),
  );
  return { ok: true, event };
}

/**
 * A location event in the normalized form `validateEvent` gives, from values already checked:
 * absent optional fields are left out, and `id`, when given, comes right after `type`.
 */
export function locationEvent(
  driverId: string,
  ts: number,
  lat: number,
  lng: number,
  id?: string,
  speedKph?: number,
  heading?: number,
  accuracyM?: number,
): LocationEvent {
  // The usual producer's fix (an id, speed and heading) is made whole in one literal: adding
  // properties one by one would move the object through three shapes and give it a second
  // store for the added ones, for each of the many thousand events a second.
  if (id !== undefined && speedKph !== undefined && heading !== undefined && accuracyM === undefined) {
    return { type: 'location', id, driverId, ts, lat, lng, speedKph, heading };
  }
  // Two literal shapes so that `id`, when given, comes right after `type`.
  const event: LocationEvent =
    id === undefined ? { type: 'location', driverId, ts, lat, lng } : { type: 'location', id, driverId, ts, lat, lng };
  if (speedKph !== undefined) event.speedKph = speedKph;
  if (heading !== undefined) event.heading = heading;
  if (accuracyM !== undefined) event.accuracyM = accuracyM;
  return event;
}

function validateDriver(o: Raw): ValidationResult {
  const driverId = o.driverId;
  if (isAbsent(driverId)) return fail('driverId: is required');
  let e = idError('driverId', driverId);
  if (e !== undefined) return fail(e);

  const ts = o.ts;
  if (isAbsent(ts)) return fail('ts: is required');
  e = millisError('ts', ts);
  if (e !== undefined) return fail(e);

  const status = o.status;
  if (isAbsent(status)) return fail('status: is required');
  if (status !== 'online' && status !== 'offline') {
    return fail('status: must be one of online, offline');
  }

  const name = o.name;
  if (!isAbsent(name) && (typeof name !== 'string' || name.length > MAX_NAME_LENGTH)) {
    return fail('name: must be a string of at most 100 characters');
  }

  const id = o.id;
  if (!isAbsent(id)) {
    e = idError('id', id);
    if (e !== undefined) return fail(e);
  }

  const event: DriverEvent = isAbsent(id)
    ? {
        type: 'driver',
        driverId: driverId as string,
        ts: ts as number,
        status: status as DriverEventStatus,
      }
    : {
        type: 'driver',
        id: id as string,
        driverId: driverId as string,
        ts: ts as number,
        status: status as DriverEventStatus,
      };
  if (!isAbsent(name)) event.name = name as string;
  return { ok: true, event };
}

function isOrderStatus(s: unknown): s is OrderStatus {
  return (
    s === 'created' ||
    s === 'assigned' ||
    s === 'picked_up' ||
    s === 'delivered' ||
    s === 'cancelled'
  );
}

function validateOrder(o: Raw): ValidationResult {
  const orderId = o.orderId;
  if (isAbsent(orderId)) return fail('orderId: is required');
  let e = idError('orderId', orderId);
  if (e !== undefined) return fail(e);

  const ts = o.ts;
  if (isAbsent(ts)) return fail('ts: is required');
  e = millisError('ts', ts);
  if (e !== undefined) return fail(e);

  const status = o.status;
  if (isAbsent(status)) return fail('status: is required');
  if (!isOrderStatus(status)) {
    return fail('status: must be one of created, assigned, picked_up, delivered, cancelled');
  }

  // pickup and dropoff are required with `created`, optional (but checked) otherwise.
  const pickup = o.pickup;
  if (isAbsent(pickup)) {
    if (status === 'created') return fail('pickup: is required when status is created');
  } else {
    e = latLngError('pickup', 'pickup.lat', 'pickup.lng', pickup);
    if (e !== undefined) return fail(e);
  }

  const dropoff = o.dropoff;
  if (isAbsent(dropoff)) {
    if (status === 'created') return fail('dropoff: is required when status is created');
  } else {
    e = latLngError('dropoff', 'dropoff.lat', 'dropoff.lng', dropoff);
    if (e !== undefined) return fail(e);
  }

  // driverId is required with `assigned`, optional (but checked) otherwise.
  const driverId = o.driverId;
  if (isAbsent(driverId)) {
    if (status === 'assigned') return fail('driverId: is required when status is assigned');
  } else {
    e = idError('driverId', driverId);
    if (e !== undefined) return fail(e);
  }

  const promisedTs = o.promisedTs;
  if (!isAbsent(promisedTs)) {
    e = millisError('promisedTs', promisedTs);
    if (e !== undefined) return fail(e);
  }

  const id = o.id;
  if (!isAbsent(id)) {
    e = idError('id', id);
    if (e !== undefined) return fail(e);
  }

  const event: OrderEvent = isAbsent(id)
    ? { type: 'order', orderId: orderId as string, ts: ts as number, status }
    : { type: 'order', id: id as string, orderId: orderId as string, ts: ts as number, status };
  if (!isAbsent(pickup)) event.pickup = copyLatLng(pickup);
  if (!isAbsent(dropoff)) event.dropoff = copyLatLng(dropoff);
  if (!isAbsent(driverId)) event.driverId = driverId as string;
  if (!isAbsent(promisedTs)) event.promisedTs = promisedTs as number;
  return { ok: true, event };
}
