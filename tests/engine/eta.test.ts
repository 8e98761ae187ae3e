import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { metricsBody, orderBody } from '../../server/engine/views';
import { assigned, cancelled, created, delivered, feed, loc, min, P, pickedUp, sec } from '../support/events';

/*
 * Hand-computed travel times of the straight-line model: distance x 1.3 detour at 25 km/h (the
 * default when neither the driver's nor the zone's recent speed is known, i.e. under 30 s of fixes).
 *   0.01 degrees north of P to P: 1111.95 m -> 208157 ms
 *   0.005 degrees north of P to P: 555.98 m -> 104079 ms
 *   P to D (0.01 north, 0.01 east): 1391.86 m -> 260563 ms
 */
const TO_P_FROM_1 = 208_157;
const TO_P_FROM_HALF = 104_079;
const P_TO_D = 260_563;

const clockAt = (ts: number) => loc('clock', ts, 41.3, -8.7);

describe('order ETA', () => {
  it('is null while the order is only created', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.16, -8.61), created('o1', sec(0))]);
    expect(orderBody(e, 'o1')!.eta).toBeNull();
  });

  it('points at the pickup while assigned, from the driver newest fix', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.16, -8.61), created('o1', sec(0)), assigned('o1', sec(1), 'd1')]);
    expect(orderBody(e, 'o1')!.eta).toEqual({ stop: 'pickup', ts: sec(0) + TO_P_FROM_1, updatedTs: sec(0) });
  });

  it('points at the dropoff once picked up', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), assigned('o1', sec(1), 'd1'), loc('d1', sec(5), P.lat, P.lng), pickedUp('o1', sec(5))]);
    expect(orderBody(e, 'o1')!.eta).toEqual({ stop: 'dropoff', ts: sec(5) + P_TO_D, updatedTs: sec(5) });
  });

  it('is updated by a newer fix of the driver', () => {
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.16, -8.61),
      created('o1', sec(0)),
      assigned('o1', sec(1), 'd1'),
      loc('d1', sec(10), 41.155, -8.61),
    ]);
    expect(orderBody(e, 'o1')!.eta).toEqual({ stop: 'pickup', ts: sec(10) + TO_P_FROM_HALF, updatedTs: sec(10) });
  });

  it('is not moved back by an older fix that arrives late', () => {
    const e = feed(new Engine(), [
      created('o1', sec(0)),
      assigned('o1', sec(1), 'd1'),
      loc('d1', sec(10), 41.155, -8.61),
      loc('d1', sec(5), 41.16, -8.61),
    ]);
    expect(orderBody(e, 'o1')!.eta!.updatedTs).toBe(sec(10));
  });

  it('is null once delivered', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), assigned('o1', sec(1), 'd1'), loc('d1', sec(5), P.lat, P.lng), pickedUp('o1', sec(5)), delivered('o1', sec(60))]);
    expect(orderBody(e, 'o1')!.eta).toBeNull();
  });

  it('is null once cancelled', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.16, -8.61), created('o1', sec(0)), assigned('o1', sec(1), 'd1'), cancelled('o1', sec(2))]);
    expect(orderBody(e, 'o1')!.eta).toBeNull();
  });

  it('of a driver with an old newest fix does not depend on the arrival order of later events', () => {
    // The zone learns 24 km/h in minute 0 (66.7 m steps south) and 8 km/h in minute 1 (22.2 m
    // steps back north), read for the fix at 2:00. Later the clock crosses 0:20:00, either at
    // 0:20:59.999 or at 0:21:00; zone speeds are pruned as it does.
    const lat = (i: number) => Math.round((i <= 5 ? 41.15 - 0.0006 * i : 41.147 + 0.0002 * (i - 5)) * 1e6) / 1e6;
    const fixes = Array.from({ length: 13 }, (_, i) => loc('d1', sec(10 * i), lat(i), -8.61));
    const start = [...fixes, created('o1', sec(0), { pickup: { lat: 41.17, lng: -8.61 } }), assigned('o1', sec(1), 'd1')];
    const early = feed(new Engine(), [...start, clockAt(min(21) - 1), clockAt(min(21))]);
    const late = feed(new Engine(), [...start, clockAt(min(21)), clockAt(min(21) - 1)]);
    expect(orderBody(late, 'o1')!.eta).toEqual(orderBody(early, 'o1')!.eta);
  });
});

describe('ETA at pickup and its error', () => {
  const pickedUpAt10 = [created('o1', sec(0)), assigned('o1', sec(1), 'd1'), loc('d1', sec(10), P.lat, P.lng), pickedUp('o1', sec(10))];

  it('is not fixed while later fixes up to the pickup may still arrive', () => {
    const e = feed(new Engine(), [...pickedUpAt10, clockAt(sec(130))]);
    expect(orderBody(e, 'o1')!.etaAtPickupTs).toBeNull();
  });

  it('is kept once the watermark passes the pickup: the dropoff ETA as of the pickup', () => {
    const e = feed(new Engine(), [...pickedUpAt10, clockAt(sec(131))]);
    expect(orderBody(e, 'o1')!.etaAtPickupTs).toBe(sec(10) + P_TO_D);
  });

  it('is not changed by fixes after the pickup', () => {
    const e = feed(new Engine(), [...pickedUpAt10, clockAt(sec(131)), loc('d1', sec(140), 41.155, -8.605)]);
    expect(orderBody(e, 'o1')!.etaAtPickupTs).toBe(sec(10) + P_TO_D);
  });

  it('uses the zone speeds known at the pickup even when the stream goes quiet after it', () => {
    // d2 teaches the zone of P a speed in minutes 0 and 1; d1 picks up at 2:00 with a single fix.
    const lat = (i: number) => Math.round((i <= 5 ? 41.15 - 0.0006 * i : 41.147 + 0.0002 * (i - 5)) * 1e6) / 1e6;
    const teach = Array.from({ length: 13 }, (_, i) => loc('d2', sec(10 * i), lat(i), -8.61));
    const base = [...teach, created('o1', sec(0)), assigned('o1', sec(1), 'd1'), loc('d1', min(2), P.lat, P.lng), pickedUp('o1', min(2))];
    const dense = feed(new Engine(), [...base, clockAt(min(4) + 1), clockAt(min(31))]);
    const quiet = feed(new Engine(), [...base, clockAt(min(31))]);
    expect(orderBody(quiet, 'o1')!.etaAtPickupTs).toBe(orderBody(dense, 'o1')!.etaAtPickupTs);
  });

  it('feeds eta.maeSeconds and eta.samples once the order is delivered', () => {
    // delivered 300 s after the pickup, predicted 260.563 s: 39.4 s off
    const e = feed(new Engine(), [...pickedUpAt10, delivered('o1', sec(310))]);
    expect(metricsBody(e).eta).toEqual({ maeSeconds: 39.4, samples: 1 });
  });

  it('leaves eta.maeSeconds null before any delivery', () => {
    const e = feed(new Engine(), [...pickedUpAt10, clockAt(sec(300))]);
    expect(metricsBody(e).eta).toEqual({ maeSeconds: null, samples: 0 });
  });

  it('counts in eta.maeSeconds only for deliveries of the last hour', () => {
    const e = feed(new Engine(), [...pickedUpAt10, delivered('o1', sec(310)), clockAt(sec(310) + min(61))]);
    expect(metricsBody(e).eta).toEqual({ maeSeconds: null, samples: 0 });
  });

  it('averages the absolute errors of several deliveries', () => {
    // o1: 300 s actual vs 260.563 s predicted (39.437 s); o2: 200 s vs 260.563 s (60.563 s)
    const e = feed(new Engine(), [
      ...pickedUpAt10,
      created('o2', sec(0)),
      assigned('o2', sec(1), 'd2'),
      loc('d2', sec(10), P.lat, P.lng),
      pickedUp('o2', sec(10)),
      delivered('o1', sec(310)),
      delivered('o2', sec(210)),
    ]);
    expect(metricsBody(e).eta).toEqual({ maeSeconds: 50, samples: 2 });
  });
});
