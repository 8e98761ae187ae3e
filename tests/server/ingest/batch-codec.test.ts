import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../server/ingest/batch-codec';
import { validateBatch } from '../../../server/ingest/pipeline';
import { scenarioArb } from '../../engine/random-events';
import { loc, online, sec } from '../../support/events';

/** Across the thread boundary: what postMessage does to the encoded batch (a structured clone). */
const roundTrip = (raw: unknown[]) => {
  const v = validateBatch(raw);
  const { batch, transfer } = encodeBatch(v);
  return { v, back: decodeBatch(structuredClone(batch, { transfer })) };
};

/** The same events, field for field and in the same key order. */
const same = (a: unknown, b: unknown) => expect(JSON.stringify(b)).toBe(JSON.stringify(a));

describe('batch codec: validated events across threads', () => {
  it('gives back every event as validateEvent made it, in request order, with its index', () => {
    const raw = [
      online('d1', sec(0), 'Ana'),
      loc('d1', sec(5), 41.15, -8.61, { id: 'e-1', speedKph: 30.5, heading: 0, accuracyM: 4 }),
      { type: 'location', driverId: 'd1', ts: sec(6) },
      loc('d1', sec(7), -0, 0),
      loc('d2', sec(8), 41.2, -8.6, { heading: 359.9 }),
    ];
    const { v, back } = roundTrip(raw);
    same(v, back);
    expect(back.indices).toEqual([0, 1, 3, 4]);
    expect(back.rejected).toEqual([{ index: 2, error: 'lat: is required' }]);
    expect(Object.is((back.events[2] as { lat: number }).lat, -0)).toBe(true);
  });

  it('keeps absent optional fields absent, and null ones (absent too) out', () => {
    const { back } = roundTrip([{ type: 'location', driverId: 'd1', ts: sec(1), lat: 1, lng: 2, speedKph: null, id: null }]);
    expect(Object.keys(back.events[0])).toEqual(['type', 'driverId', 'ts', 'lat', 'lng']);
  });

  it('round-trips any generated day of events', () => {
    fc.assert(
      fc.property(scenarioArb, (events) => {
        const { v, back } = roundTrip(events);
        expect(back.events).toHaveLength(events.length);
        same(v, back);
      }),
      { numRuns: 50 },
    );
  });
});
