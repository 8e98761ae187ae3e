import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { DaySimulator } from '../../server/sim/index';

const SETTINGS = { seed: 4, drivers: 30, date: '2026-11-25' };
const AT_3PM = Date.UTC(2026, 10, 25, 15);

describe('the real-time mode', () => {
  it('returns only events up to the time asked for, as the clock moves', () => {
    const sim = new DaySimulator(SETTINGS);
    let t = Date.UTC(2026, 10, 25, 12);
    sim.skipTo(t);
    for (let i = 0; i < 30; i++) {
      t += 1000;
      const events = sim.advanceTo(t);
      expect(events.every((e) => e.ts <= t)).toBe(true);
      expect(sim.now).toBe(t);
    }
  });

  it('catches a late consumer up: the fleet and open orders as at the clock, with the original ids', () => {
    const full = new DaySimulator(SETTINGS);
    const seen = new Map<string, string>();
    for (let t = full.startTs; t < AT_3PM; t += 60_000) for (const e of full.advanceTo(t)) seen.set(e.id!, JSON.stringify(e));
    for (const e of full.advanceTo(AT_3PM)) seen.set(e.id!, JSON.stringify(e));

    const late = new DaySimulator(SETTINGS);
    late.skipTo(AT_3PM);
    const catchUp = late.catchUpEvents();
    for (const e of catchUp) expect(JSON.parse(seen.get(e.id!) ?? 'null')).toEqual(e);

    const online = new Set<string>();
    const open = new Set<string>();
    for (const e of catchUp as FleetEvent[]) {
      if (e.type === 'driver') online.add(e.driverId);
      if (e.type === 'order') open.add(e.orderId);
    }
    const s = late.summary();
    expect(s.driversOnline).toBeGreaterThan(4);
    expect(online.size).toBe(s.driversOnline);
    expect(open.size).toBe(s.open);
    expect(catchUp.map((e) => e.ts)).toEqual([...catchUp.map((e) => e.ts)].sort((a, b) => a - b));
  });
});
