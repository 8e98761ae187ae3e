import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ID_PATTERN } from '../../lib/events';
import { validateEvent } from '../../lib/validate';

type Obj = Record<string, unknown>;

const LOCATION: Obj = { type: 'location', driverId: 'd-17', ts: 1764057605000, lat: 52.5, lng: 13.4 };
const DRIVER: Obj = { type: 'driver', driverId: 'd-17', ts: 1764057600000, status: 'online' };
const ORDER: Obj = {
  type: 'order',
  orderId: 'o-9001',
  ts: 1764057610000,
  status: 'created',
  pickup: { lat: 52.51, lng: 13.39 },
  dropoff: { lat: 52.53, lng: 13.42 },
};
const ASSIGNED: Obj = {
  type: 'order',
  orderId: 'o-9001',
  ts: 1764057612000,
  status: 'assigned',
  driverId: 'd-17',
};

/** A deep copy of `base` with `path` (e.g. "pickup.lat") set to `value`; undefined deletes it. */
function withField(base: Obj, path: string, value: unknown): Obj {
  const copy = structuredClone(base);
  const parts = path.split('.');
  let target = copy;
  for (const p of parts.slice(0, -1)) target = target[p] as Obj;
  const last = parts[parts.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** The error message, or "(valid)" so that a wrongly accepted event shows up in the diff. */
function errorOf(raw: unknown): string {
  const r = validateEvent(raw);
  return r.ok ? '(valid)' : r.error;
}

function eventOf(raw: unknown) {
  const r = validateEvent(raw);
  if (!r.ok) throw new Error(`expected a valid event, got "${r.error}"`);
  return r.event;
}

/** Every number field, with a valid event that has it. */
const NUMBER_FIELDS: [string, Obj][] = [
  ['ts', LOCATION],
  ['lat', LOCATION],
  ['lng', LOCATION],
  ['speedKph', LOCATION],
  ['heading', LOCATION],
  ['accuracyM', LOCATION],
  ['promisedTs', ORDER],
  ['pickup.lat', ORDER],
  ['pickup.lng', ORDER],
  ['dropoff.lat', ORDER],
  ['dropoff.lng', ORDER],
];

describe('validateEvent: object-ness', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [LOCATION]],
    ['a string', JSON.stringify(LOCATION)],
    ['a number', 42],
    ['a boolean', true],
    ['a function', () => LOCATION],
    ['a Date', new Date(0)],
  ])('rejects %s as not a JSON object', (_name, raw) => {
    expect(errorOf(raw)).toBe('event: must be a JSON object');
  });

  it('accepts an object without a prototype', () => {
    const raw = Object.assign(Object.create(null) as Obj, LOCATION);
    expect(eventOf(raw)).toEqual(LOCATION);
  });
});

describe('validateEvent: forbidden keys', () => {
  it('rejects a top-level __proto__ key created by JSON.parse, and pollutes nothing', () => {
    const raw: unknown = JSON.parse(
      '{"__proto__":{"x":1},"type":"location","driverId":"d-17","ts":1764057605000,"lat":52.5,"lng":13.4}',
    );
    expect(errorOf(raw)).toBe('__proto__: forbidden key');
    expect(({} as Obj).x).toBeUndefined();
  });

  it('rejects a top-level constructor key', () => {
    expect(errorOf({ ...LOCATION, constructor: 'x' })).toBe('constructor: forbidden key');
  });

  it('rejects a top-level prototype key', () => {
    expect(errorOf({ ...DRIVER, prototype: {} })).toBe('prototype: forbidden key');
  });

  it('rejects a forbidden key inside pickup with its path', () => {
    expect(errorOf(withField(ORDER, 'pickup.constructor', 1))).toBe(
      'pickup.constructor: forbidden key',
    );
  });

  it('rejects a __proto__ key inside dropoff created by JSON.parse', () => {
    const raw: unknown = JSON.parse(
      '{"type":"order","orderId":"o-1","ts":1,"status":"created","pickup":{"lat":1,"lng":2},' +
        '"dropoff":{"lat":1,"lng":2,"__proto__":{"polluted":true}}}',
    );
    expect(errorOf(raw)).toBe('dropoff.__proto__: forbidden key');
  });

  it('checks forbidden keys before the type', () => {
    expect(errorOf({ type: 'nope', prototype: 1 })).toBe('prototype: forbidden key');
  });
});

describe('validateEvent: type', () => {
  it('requires type', () => {
    expect(errorOf(withField(LOCATION, 'type', undefined))).toBe('type: is required');
    expect(errorOf(withField(LOCATION, 'type', null))).toBe('type: is required');
  });

  it.each(['Location', 'trip', '', 1])('rejects type %j', (type) => {
    expect(errorOf(withField(LOCATION, 'type', type))).toBe(
      'type: must be one of location, driver, order',
    );
  });
});

describe('validateEvent: required fields', () => {
  it.each([
    ['driverId', LOCATION],
    ['ts', LOCATION],
    ['lat', LOCATION],
    ['lng', LOCATION],
    ['driverId', DRIVER],
    ['ts', DRIVER],
    ['status', DRIVER],
    ['orderId', ORDER],
    ['ts', ORDER],
    ['status', ORDER],
  ])('requires %s in a %s event, missing or null', (field, base) => {
    expect(errorOf(withField(base, field, undefined))).toBe(`${field}: is required`);
    expect(errorOf(withField(base, field, null))).toBe(`${field}: is required`);
  });

  it('requires lat and lng inside pickup and dropoff', () => {
    expect(errorOf(withField(ORDER, 'pickup.lat', undefined))).toBe('pickup.lat: is required');
    expect(errorOf(withField(ORDER, 'dropoff.lng', null))).toBe('dropoff.lng: is required');
  });
});

describe('validateEvent: numbers', () => {
  it.each(NUMBER_FIELDS)('rejects a string %s as not a number', (field, base) => {
    expect(errorOf(withField(base, field, '52'))).toBe(`${field}: must be a number, not a string`);
  });

  it.each(NUMBER_FIELDS)('rejects a boolean or object %s as not a number', (field, base) => {
    expect(errorOf(withField(base, field, true))).toBe(`${field}: must be a number`);
    expect(errorOf(withField(base, field, { v: 1 }))).toBe(`${field}: must be a number`);
  });

  it.each(NUMBER_FIELDS)('rejects a non-finite %s', (field, base) => {
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(errorOf(withField(base, field, v))).toBe(`${field}: must be a finite number`);
    }
  });

  it('rejects a bigint as not a number', () => {
    expect(errorOf({ ...LOCATION, ts: 1n })).toBe('ts: must be a number');
  });
});

describe('validateEvent: times', () => {
  it.each([
    ['ts', LOCATION],
    ['promisedTs', ORDER],
  ])('requires %s to be an integer', (field, base) => {
    expect(errorOf(withField(base, field, 1764057605000.5))).toBe(
      `${field}: must be an integer number of milliseconds`,
    );
  });

  it.each([
    ['ts', LOCATION],
    ['promisedTs', ORDER],
  ])('requires %s to be between 0 and 8640000000000000', (field, base) => {
    for (const v of [-1, 8640000000000001, 1e300]) {
      expect(errorOf(withField(base, field, v))).toBe(
        `${field}: must be between 0 and 8640000000000000`,
      );
    }
  });

  it('accepts the bounds of ts', () => {
    expect(eventOf({ ...LOCATION, ts: 0 }).ts).toBe(0);
    expect(eventOf({ ...LOCATION, ts: 8640000000000000 }).ts).toBe(8640000000000000);
  });
});

describe('validateEvent: coordinates and ranges', () => {
  it('requires lat in [-90, 90]', () => {
    expect(errorOf({ ...LOCATION, lat: 90.0001 })).toBe('lat: must be between -90 and 90');
    expect(errorOf({ ...LOCATION, lat: -91 })).toBe('lat: must be between -90 and 90');
    expect(eventOf({ ...LOCATION, lat: -90 })).toMatchObject({ lat: -90 });
    expect(eventOf({ ...LOCATION, lat: 90 })).toMatchObject({ lat: 90 });
  });

  it('requires lng in [-180, 180]', () => {
    expect(errorOf({ ...LOCATION, lng: 180.5 })).toBe('lng: must be between -180 and 180');
    expect(errorOf({ ...LOCATION, lng: -181 })).toBe('lng: must be between -180 and 180');
    expect(eventOf({ ...LOCATION, lng: -180 })).toMatchObject({ lng: -180 });
  });

  it('names the nested field of an out-of-range pickup or dropoff', () => {
    expect(errorOf(withField(ORDER, 'pickup.lat', 95))).toBe('pickup.lat: must be between -90 and 90');
    expect(errorOf(withField(ORDER, 'dropoff.lng', -200))).toBe(
      'dropoff.lng: must be between -180 and 180',
    );
  });

  it('requires speedKph in 0..300', () => {
    expect(errorOf({ ...LOCATION, speedKph: -1 })).toBe('speedKph: must be between 0 and 300');
    expect(errorOf({ ...LOCATION, speedKph: 300.1 })).toBe('speedKph: must be between 0 and 300');
    expect(eventOf({ ...LOCATION, speedKph: 300 })).toMatchObject({ speedKph: 300 });
  });

  it('requires heading in [0, 360)', () => {
    expect(errorOf({ ...LOCATION, heading: 360 })).toBe('heading: must be at least 0 and less than 360');
    expect(errorOf({ ...LOCATION, heading: -0.5 })).toBe('heading: must be at least 0 and less than 360');
    expect(eventOf({ ...LOCATION, heading: 0 })).toMatchObject({ heading: 0 });
    expect(eventOf({ ...LOCATION, heading: 359.9 })).toMatchObject({ heading: 359.9 });
  });

  it('requires accuracyM >= 0', () => {
    expect(errorOf({ ...LOCATION, accuracyM: -0.1 })).toBe('accuracyM: must be at least 0');
    expect(eventOf({ ...LOCATION, accuracyM: 0 })).toMatchObject({ accuracyM: 0 });
  });
});

describe('validateEvent: ids', () => {
  const ID_FIELDS: [string, Obj][] = [
    ['driverId', LOCATION],
    ['driverId', DRIVER],
    ['orderId', ORDER],
    ['driverId', ASSIGNED],
    ['id', LOCATION],
    ['id', ORDER],
  ];

  it.each(ID_FIELDS)('requires %s to be a string', (field, base) => {
    expect(errorOf(withField(base, field, 17))).toBe(`${field}: must be a string`);
    expect(errorOf(withField(base, field, ['d-17']))).toBe(`${field}: must be a string`);
  });

  it.each(ID_FIELDS)('requires %s to be 1 to 64 allowed characters', (field, base) => {
    for (const v of ['', 'x'.repeat(65), 'd 17', 'd/17', 'dé', 'd-17\n', '😀']) {
      expect(errorOf(withField(base, field, v))).toBe(
        `${field}: must be 1 to 64 characters from [A-Za-z0-9_.:-]`,
      );
    }
  });

  it('accepts ids of 64 characters and every allowed character', () => {
    expect(eventOf({ ...LOCATION, driverId: 'x'.repeat(64) })).toMatchObject({ driverId: 'x'.repeat(64) });
    expect(eventOf({ ...LOCATION, id: 'AZaz09_.:-' })).toMatchObject({ id: 'AZaz09_.:-' });
  });

  it('agrees with ID_PATTERN on any string', () => {
    const idLike = fc.string({ unit: fc.constantFrom(...'aZ09_.:-/ @[`{é\u0000'), maxLength: 70 });
    fc.assert(
      fc.property(fc.oneof(idLike, fc.string({ maxLength: 70 })), (id) => {
        expect(validateEvent({ ...DRIVER, driverId: id }).ok).toBe(ID_PATTERN.test(id));
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateEvent: status and name', () => {
  it.each(['busy', 'ONLINE', '', 1])('rejects driver status %j', (status) => {
    expect(errorOf({ ...DRIVER, status })).toBe('status: must be one of online, offline');
  });

  it.each(['shipped', 'online', 'Created', 2])('rejects order status %j', (status) => {
    expect(errorOf({ ...ASSIGNED, status })).toBe(
      'status: must be one of created, assigned, picked_up, delivered, cancelled',
    );
  });

  it('requires name to be a string of at most 100 characters', () => {
    const rule = 'name: must be a string of at most 100 characters';
    expect(errorOf({ ...DRIVER, name: 'a'.repeat(101) })).toBe(rule);
    expect(errorOf({ ...DRIVER, name: 42 })).toBe(rule);
    expect(eventOf({ ...DRIVER, name: 'a'.repeat(100) })).toMatchObject({ name: 'a'.repeat(100) });
  });
});

describe('validateEvent: order pickup, dropoff and driverId', () => {
  it.each([
    ['a string', '52.5,13.4'],
    ['an array', [52.5, 13.4]],
    ['a number', 52.5],
    ['a boolean', true],
  ])('rejects pickup or dropoff as %s', (_name, v) => {
    expect(errorOf({ ...ORDER, pickup: v })).toBe('pickup: must be an object with lat and lng');
    expect(errorOf({ ...ORDER, dropoff: v })).toBe('dropoff: must be an object with lat and lng');
  });

  it('requires pickup and dropoff when status is created (null counts as absent)', () => {
    const rule = ': is required when status is created';
    expect(errorOf(withField(ORDER, 'pickup', undefined))).toBe('pickup' + rule);
    expect(errorOf(withField(ORDER, 'pickup', null))).toBe('pickup' + rule);
    expect(errorOf(withField(ORDER, 'dropoff', undefined))).toBe('dropoff' + rule);
    expect(errorOf(withField(ORDER, 'dropoff', null))).toBe('dropoff' + rule);
  });

  it('requires driverId when status is assigned', () => {
    const rule = 'driverId: is required when status is assigned';
    expect(errorOf(withField(ASSIGNED, 'driverId', undefined))).toBe(rule);
    expect(errorOf(withField(ASSIGNED, 'driverId', null))).toBe(rule);
  });

  it.each(['picked_up', 'delivered', 'cancelled'])(
    'makes pickup, dropoff and driverId optional with %s',
    (status) => {
      const raw = { type: 'order', orderId: 'o-1', ts: 5, status };
      expect(eventOf(raw)).toEqual(raw);
    },
  );

  it('still validates an optional pickup or driverId when present', () => {
    const delivered = { type: 'order', orderId: 'o-1', ts: 5, status: 'delivered' };
    expect(errorOf({ ...delivered, pickup: { lat: 1 } })).toBe('pickup.lng: is required');
    expect(errorOf({ ...delivered, driverId: 'bad id' })).toBe(
      'driverId: must be 1 to 64 characters from [A-Za-z0-9_.:-]',
    );
  });
});

describe('validateEvent: check order', () => {
  it('reports only the first error, in contract-table order', () => {
    expect(errorOf({ type: 'location', driverId: 1, ts: 'x', lat: 999 })).toBe('driverId: must be a string');
    expect(errorOf({ type: 'location', driverId: 'd', ts: -1, lat: 999 })).toBe(
      'ts: must be between 0 and 8640000000000000',
    );
    expect(errorOf({ ...LOCATION, lat: 999, speedKph: -1, id: '' })).toBe(
      'lat: must be between -90 and 90',
    );
    expect(errorOf({ ...ORDER, status: 'created', pickup: null, driverId: 5 })).toBe(
      'pickup: is required when status is created',
    );
    expect(errorOf({ ...DRIVER, name: 5, id: '' })).toBe(
      'name: must be a string of at most 100 characters',
    );
  });
});

describe('validateEvent: normalization', () => {
  const CONTRACT_LINES = [
    '{"type":"driver","driverId":"d-17","ts":1764057600000,"status":"online","name":"Ana"}',
    '{"type":"location","driverId":"d-17","ts":1764057605000,"lat":52.5203,"lng":13.4049,"speedKph":31.5,"heading":90}',
    '{"type":"order","orderId":"o-9001","ts":1764057610000,"status":"created","pickup":{"lat":52.51,"lng":13.39},"dropoff":{"lat":52.53,"lng":13.42},"promisedTs":1764059410000}',
    '{"type":"order","orderId":"o-9001","ts":1764057612000,"status":"assigned","driverId":"d-17"}',
  ];

  it.each(CONTRACT_LINES)('accepts the contract example %s unchanged', (line) => {
    const raw = JSON.parse(line) as Obj;
    const event = eventOf(raw);
    expect(event).toEqual(raw);
    expect(JSON.stringify(event)).toBe(line);
  });

  it('drops unknown fields and nulls of a location event, keeping the field order', () => {
    const event = eventOf({
      extra: 1,
      lng: 13.4,
      lat: 52.5,
      id: 'e-1',
      heading: null,
      accuracyM: 4,
      ts: 10,
      driverId: 'd-1',
      type: 'location',
      battery: { level: 3 },
    });
    expect(event).toEqual({
      type: 'location',
      id: 'e-1',
      driverId: 'd-1',
      ts: 10,
      lat: 52.5,
      lng: 13.4,
      accuracyM: 4,
    });
    expect(Object.keys(event)).toEqual(['type', 'id', 'driverId', 'ts', 'lat', 'lng', 'accuracyM']);
    expect('heading' in event).toBe(false);
  });

  it('drops unknown fields of a driver event, keeping the field order', () => {
    const event = eventOf({
      name: 'Ana',
      status: 'offline',
      vehicle: 'bike',
      ts: 1,
      driverId: 'd-1',
      type: 'driver',
      id: 'x',
    });
    expect(Object.keys(event)).toEqual(['type', 'id', 'driverId', 'ts', 'status', 'name']);
    expect(event).toEqual({
      type: 'driver',
      id: 'x',
      driverId: 'd-1',
      ts: 1,
      status: 'offline',
      name: 'Ana',
    });
  });

  it('drops unknown fields of an order event and inside pickup/dropoff, keeping the field order', () => {
    const event = eventOf({
      promisedTs: 99,
      driverId: 'd-1',
      dropoff: { lng: 2, lat: 1, address: 'x' },
      pickup: { lat: 3, lng: 4, note: 'y' },
      status: 'assigned',
      ts: 7,
      orderId: 'o-1',
      type: 'order',
      id: 'e-2',
      customer: 'z',
    });
    expect(event).toEqual({
      type: 'order',
      id: 'e-2',
      orderId: 'o-1',
      ts: 7,
      status: 'assigned',
      pickup: { lat: 3, lng: 4 },
      dropoff: { lat: 1, lng: 2 },
      driverId: 'd-1',
      promisedTs: 99,
    });
    expect(Object.keys(event)).toEqual([
      'type',
      'id',
      'orderId',
      'ts',
      'status',
      'pickup',
      'dropoff',
      'driverId',
      'promisedTs',
    ]);
    expect(event.type === 'order' && Object.keys(event.dropoff ?? {})).toEqual(['lat', 'lng']);
  });

  it('returns a new object that later changes to the input do not reach', () => {
    const raw = structuredClone(ORDER) as Obj & { pickup: Obj };
    const event = eventOf(raw);
    expect(event).not.toBe(raw);
    expect(event.type === 'order' && event.pickup).not.toBe(raw.pickup);
    raw.ts = 1;
    raw.status = 'cancelled';
    raw.pickup.lat = 0;
    expect(event).toEqual(ORDER);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  });
});
