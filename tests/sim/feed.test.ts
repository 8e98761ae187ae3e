import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { Rng } from '../../server/roads/random';
import { Feed, type FaultShares } from '../../server/sim/feed';
import type { FaultTruth } from '../../server/sim/truth';

const fix = (i: number): FleetEvent => ({ type: 'location', id: `d.${i}`, driverId: 'd', ts: i * 1000, lat: 41, lng: -8 });
const order = (i: number): FleetEvent => ({ type: 'order', id: `o.${i}`, orderId: `o${i}`, ts: i * 1000, status: 'created' });

function pass(shares: FaultShares, make: (i: number) => FleetEvent, n = 20_000, chunkMs = 0) {
  const faults: FaultTruth[] = [];
  const feed = new Feed(new Rng(5), shares, (f) => faults.push(f));
  const out: FleetEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = make(i);
    feed.push(e);
    if (chunkMs && e.ts % chunkMs === 0) {
      feed.release(e.ts);
      out.push(...feed.take());
    }
  }
  feed.releaseAll();
  out.push(...feed.take());
  return { out, faults };
}

describe('Feed', () => {
  it('passes events through in order when every share is 0', () => {
    const { out, faults } = pass({ duplicate: 0, outOfOrder: 0, late: 0 }, fix, 500);
    expect(out.map((e) => e.ts)).toEqual(Array.from({ length: 500 }, (_, i) => i * 1000));
    expect(faults).toEqual([]);
  });

  it('sends duplicates with the same id, a few seconds later at most', () => {
    const { out, faults } = pass({ duplicate: 0.05, outOfOrder: 0, late: 0 }, fix);
    expect(out.length - 20_000).toBe(faults.length);
    expect(faults.length / 20_000).toBeGreaterThan(0.04);
    expect(faults.length / 20_000).toBeLessThan(0.06);
    const first = new Map<string, number>();
    out.forEach((e, i) => {
      if (!first.has(e.id!)) first.set(e.id!, i);
      else expect(e.ts).toBeGreaterThan(out[i - 1].ts - 6000);
    });
  });

  it('holds out-of-order events back by at most a minute, late fixes by 2.5 to 10 minutes', () => {
    const { out, faults } = pass({ duplicate: 0, outOfOrder: 0.02, late: 0.01 }, fix);
    const lag = new Map(faults.map((f) => [f.eventId, f]));
    let newest = 0;
    for (const e of out) {
      const behind = newest - e.ts;
      const f = lag.get(e.id!);
      if (!f) expect(behind).toBeLessThanOrEqual(0);
      else if (f.fault === 'out_of_order') expect(behind).toBeLessThanOrEqual(60_000);
      // (Held events still due when the stream ends come out at its end, less late.)
      else if (e.ts < 19_000_000) expect(behind).toBeGreaterThan(140_000);
      newest = Math.max(newest, e.ts);
    }
    expect(faults.filter((f) => f.fault === 'late').length).toBeGreaterThan(100);
    expect(faults.filter((f) => f.fault === 'out_of_order').length).toBeGreaterThan(250);
  });

  it('makes only location fixes late: order events are at most out of order', () => {
    const { faults } = pass({ duplicate: 0, outOfOrder: 0, late: 0.5 }, order, 2000);
    expect(faults).toEqual([]);
  });

  it('releases the same sequence however the stream is cut into chunks', () => {
    const shares = { duplicate: 0.02, outOfOrder: 0.05, late: 0.01 };
    const whole = pass(shares, fix).out.map((e) => e.id);
    expect(pass(shares, fix, 20_000, 7000).out.map((e) => e.id)).toEqual(whole);
    expect(pass(shares, fix, 20_000, 61_000).out.map((e) => e.id)).toEqual(whole);
  });
});
