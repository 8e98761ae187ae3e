import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationLine } from '../../lib/location-line';
import { validateEvent } from '../../lib/validate';

/** What the general path gives for the line: the validated event, or null when it rejects it. */
function general(line: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const r = validateEvent(raw);
  return r.ok ? r.event : null;
}

const read = (line: string) => locationLine(line, 0, line.length);

/** The fast path agrees with the general path: the same event (same key order too), or it declines. */
function expectAgrees(line: string): boolean {
  const fast = read(line);
  if (fast === undefined) return false;
  const want = general(line);
  expect(want, `the general path rejects ${line}`).not.toBeNull();
  expect(JSON.stringify(fast)).toBe(JSON.stringify(want));
  for (const k of ['ts', 'lat', 'lng', 'speedKph', 'heading', 'accuracyM'] as const) {
    expect(Object.is(fast[k], (want as Record<string, unknown>)[k]), `${k} of ${line}`).toBe(true);
  }
  return true;
}

const BASE = '{"type":"location","id":"e-1","driverId":"drv-00001","ts":1764057600000,"lat":41.148932,"lng":-8.610412,"speedKph":36.5,"heading":271}';

describe('locationLine: the fast path for plain location lines', () => {
  it('reads a producer line into the event validateEvent gives, key order included', () => {
    expect(read(BASE)).toEqual(general(BASE));
    expect(Object.keys(read(BASE)!)).toEqual(['type', 'id', 'driverId', 'ts', 'lat', 'lng', 'speedKph', 'heading']);
  });

  it('takes the fields in any order, with JSON whitespace between tokens', () => {
    const line = ' { "lng" : 13.4 ,\t"lat":52.5, "ts": 1764057605000, "driverId":"d-17","type" : "location" , "accuracyM": 5 } ';
    expect(read(line)).toEqual({ type: 'location', driverId: 'd-17', ts: 1764057605000, lat: 52.5, lng: 13.4, accuracyM: 5 });
    expectAgrees(line);
  });

  it('reads only text[start, end): the same line inside a longer text gives the same event', () => {
    const text = `{"a":1}\n${BASE}\n{"type":"order"}`;
    const start = text.indexOf(BASE);
    expect(locationLine(text, start, start + BASE.length)).toEqual(read(BASE));
    // Cut one character short, it is not a whole object any more.
    expect(locationLine(text, start, start + BASE.length - 1)).toBeUndefined();
  });

  it('numbers come out exactly as JSON.parse makes them: short decimals, long ones, exponents, -0', () => {
    for (const lat of ['41.148932', '-0', '0', '0.1', '12.345678901234', '41.14893212345678901', '4.1e1', '-1E-7', '9e0', '89.99999999999999999']) {
      const line = `{"type":"location","driverId":"d","ts":0,"lat":${lat},"lng":0}`;
      expect(Object.is(read(line)?.lat, JSON.parse(lat)), lat).toBe(true);
    }
  });

  it('declines what it does not read itself, so the general path decides (and names the error)', () => {
    const declined = [
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"extra":true}', // an unknown key
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"lat":3}', // a key twice
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"speedKph":null}', // null
      '{"type":"location","driverId":"d\\u0031","ts":0,"lat":1,"lng":2}', // an escape
      '{"type":"loc\\u0061tion","driverId":"d","ts":0,"lat":1,"lng":2}',
      '{"type":"location","driverId":"d","ts":0,"lat":1}', // lng missing
      '{"type":"driver","driverId":"d","ts":0,"status":"online"}',
      '{"type":"location","driverId":"d","ts":0,"lat":01,"lng":2}', // not JSON
      '{"type":"location","driverId":"d","ts":0,"lat":1.,"lng":2}',
      '{"type":"location","driverId":"d","ts":0,"lat":-,"lng":2}',
      '{"type":"location","driverId":"d","ts":0,"lat":1e,"lng":2}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2} x',
      '{"type":"location","driverId":"d","ts":0,"lat":"1","lng":2}', // a string for a number
      '{"type":"location","driverId":"d","ts":0.5,"lat":1,"lng":2}', // out of the rules
      '{"type":"location","driverId":"d","ts":0,"lat":91,"lng":2}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":-180.5}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"heading":360}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"speedKph":301}',
      '{"type":"location","driverId":"d","ts":0,"lat":1,"lng":2,"accuracyM":-1}',
      '{"type":"location","driverId":"","ts":0,"lat":1,"lng":2}',
      `{"type":"location","driverId":"${'d'.repeat(65)}","ts":0,"lat":1,"lng":2}`,
      '{"type":"location","driverId":"d d","ts":0,"lat":1,"lng":2}',
      '{"type":"location","driverId":"dé","ts":0,"lat":1,"lng":2}',
      '{"__proto__":1,"type":"location","driverId":"d","ts":0,"lat":1,"lng":2}',
      '[]',
      '',
    ];
    for (const line of declined) expect(read(line), line).toBeUndefined();
  });

  it('a key is read exactly, also where the order of the line before predicts it', () => {
    // BASE teaches the reader its key order; each variant changes, drops or adds one character of one key.
    const fields = ['type', 'id', 'driverId', 'ts', 'lat', 'lng', 'speedKph', 'heading'];
    for (const f of fields) {
      for (let k = 0; k <= f.length; k++) {
        const variants = [f.slice(0, k) + 'x' + f.slice(k + 1), f.slice(0, k) + f.slice(k + 1), f.slice(0, k) + 'x' + f.slice(k)];
        for (const v of variants) {
          if (fields.includes(v)) continue;
          expect(read(BASE)).toBeDefined();
          const line = BASE.replace(`"${f}":`, `"${v}":`);
          expect(read(line), line).toBeUndefined();
        }
      }
      // A key whose closing quote is missing is not JSON at all.
      for (const broken of [`"${f} :`, `"${f}x:`, `"${f}:`]) {
        expect(read(BASE)).toBeDefined();
        const line = BASE.replace(`"${f}":`, broken);
        expect(read(line), line).toBeUndefined();
      }
    }
  });

  it('a long id is read whole (it is copied out of the text it came in)', () => {
    const id = 'x'.repeat(64);
    expect(read(`{"type":"location","id":"${id}","driverId":"${id}","ts":0,"lat":1,"lng":2}`)).toMatchObject({ id, driverId: id });
  });

  it('agrees with JSON.parse and validateEvent on any location-like object', () => {
    const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,70}$/), fc.string({ maxLength: 4 }));
    const num = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -200, max: 400 }),
      fc.double({ min: -180, max: 360, noNaN: true }).map((x) => Number(x.toFixed(6))),
      fc.constantFrom('1', null, true),
    );
    const ts = fc.oneof(fc.integer({ min: 0, max: 2 ** 52 }), fc.double({ min: 0, max: 9e15, noNaN: true }), fc.constant(-1));
    const event = fc.record(
      {
        type: fc.constantFrom('location', 'location', 'order'),
        id,
        driverId: id,
        ts,
        lat: num,
        lng: num,
        speedKph: num,
        heading: num,
        accuracyM: num,
        other: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    // Valid ones too, so that agreeing is not only declining.
    const valid = fc.record(
      {
        type: fc.constant('location'),
        id: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
        driverId: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
        ts: fc.integer({ min: 0, max: 2 ** 52 }),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lng: fc.double({ min: -180, max: 180, noNaN: true }),
        speedKph: fc.double({ min: 0, max: 300, noNaN: true }).map((x) => Number(x.toFixed(1))),
        heading: fc.integer({ min: 0, max: 359 }),
        accuracyM: fc.double({ min: 0, max: 1e6, noNaN: true }),
      },
      { requiredKeys: ['type', 'driverId', 'ts', 'lat', 'lng'] },
    );
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(event, valid), fc.constantFrom(0, 1), (e, spaced) => {
        const line = spaced ? JSON.stringify(e, null, 1).replace(/\n/g, ' ') : JSON.stringify(e);
        if (expectAgrees(line)) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(1000);
  });

  it('reads every line of the benchmark fleet shape (no fallback on the common case)', () => {
    for (let i = 0; i < 100; i++) {
      const line = `{"type":"location","id":"e-${i.toString(36)}","driverId":"drv-${String(i).padStart(5, '0')}","ts":${1764057600000 + i * 997},"lat":${(41.1 + i / 1000).toFixed(6)},"lng":${(-8.7 + i / 900).toFixed(6)},"speedKph":${(15 + i / 3).toFixed(1)},"heading":${(i * 7) % 360}}`;
      expect(read(line), line).toBeDefined();
      expectAgrees(line);
    }
  });
});
