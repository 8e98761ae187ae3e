import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { zonesBody } from '../../server/engine/views';
import { assigned, created, feed, loc, min, offline, online, P, sec } from '../support/events';

const CELL = latLngToCell(P.lat, P.lng, 8);
/** Moves the engine clock (and runs its ticks) without adding supply or demand anywhere. */
const clockAt = (ts: number) => offline('clock', ts);
const zone = (e: Engine) => zonesBody(e).zones.find((z) => z.cell === CELL);
const orders = (n: number, ts = sec(0)) => Array.from({ length: n }, (_, i) => created(`o${i}`, ts));

describe('zones', () => {
  it('are H3 cells at the configured resolution', () => {
    const e = feed(new Engine(), [created('o1', sec(0))]);
    expect(zonesBody(e)).toMatchObject({ resolution: 8, zones: [{ cell: CELL }] });
  });

  it('demand counts unassigned orders by pickup cell', () => {
    const e = feed(new Engine(), orders(2));
    expect(zone(e)).toMatchObject({ demand: 2, supply: 0 });
  });

  it('an assigned order is no longer demand', () => {
    const e = feed(new Engine(), [...orders(2), assigned('o0', sec(1), 'd1')]);
    expect(zone(e)!.demand).toBe(1);
  });

  it('supply counts idle drivers by the cell of their position', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), P.lat, P.lng), loc('d2', sec(0), P.lat, P.lng)]);
    expect(zone(e)).toMatchObject({ supply: 2, demand: 0 });
  });

  it('a busy driver is not supply', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), P.lat, P.lng), created('o1', sec(1), { pickup: { lat: 41.3, lng: -8.7 } }), assigned('o1', sec(2), 'd1')]);
    expect(zone(e)).toBeUndefined();
  });

  it('an offline driver is not supply', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), P.lat, P.lng), offline('d1', sec(1)), created('o1', sec(2))]);
    expect(zone(e)!.supply).toBe(0);
  });

  it('ratio is demand over supply', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), P.lat, P.lng), loc('d2', sec(0), P.lat, P.lng), ...orders(3)]);
    expect(zone(e)!.ratio).toBe(1.5);
  });

  it('ratio is demand alone without supply', () => {
    const e = feed(new Engine(), orders(3));
    expect(zone(e)!.ratio).toBe(3);
  });

  it('surge stays 1 while demand does not exceed supply', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), P.lat, P.lng), ...orders(1), clockAt(min(30))]);
    expect(zone(e)!.surge).toBe(1);
  });

  it('surge rises gradually over ticks, not at once', () => {
    const e = feed(new Engine(), orders(5));
    const tick = e.cfg.tickMs;
    const seen: number[] = [];
    for (let k = 1; k <= 6; k++) {
      e.ingest(clockAt(sec(0) + k * tick));
      seen.push(zone(e)!.surge);
    }
    expect(seen[0]).toBeGreaterThan(1);
    expect(seen[0]).toBeLessThan(1.5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });

  it('surge settles at 1 + slope x (ratio - 1)', () => {
    // demand 3, no supply: 1 + 0.5 x 2 = 2
    const e = feed(new Engine(), [...orders(3), clockAt(min(60))]);
    expect(zone(e)!.surge).toBe(2);
  });

  it('surge is clamped at surgeMax', () => {
    // demand 10, no supply: 1 + 0.5 x 9 = 5.5, clamped at 3
    const e = feed(new Engine(), [...orders(10), clockAt(min(60))]);
    expect(zone(e)!.surge).toBe(3);
  });

  it('surgeMax is configurable', () => {
    const e = feed(new Engine({ surgeMax: 1.5 }), [...orders(10), clockAt(min(60))]);
    expect(zone(e)!.surge).toBe(1.5);
  });

  it('surge comes back down gradually once demand is served', () => {
    const e = feed(new Engine(), [...orders(5), clockAt(min(30))]);
    const high = zone(e)!.surge;
    const drivers = ['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => loc(id, min(30), P.lat, P.lng));
    feed(e, [...drivers, clockAt(min(30) + e.cfg.tickMs)]);
    const after = zone(e)!.surge;
    expect(high).toBe(3);
    expect(after).toBeLessThan(high);
    expect(after).toBeGreaterThan(1);
  });

  it('a zone with neither supply nor demand is not listed', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), assigned('o1', sec(1), 'd1')]);
    expect(zonesBody(e).zones).toEqual([]);
  });
});
