import { beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent, OrderEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';
import { generateCity } from '../../server/roads/generate';
import { simulateDay, type SimSummary, type TruthRecord } from '../../server/sim/index';
import type { ArrivalTruth, OrderTruth, PositionTruth } from '../../server/sim/truth';
import { distanceToEdgeM, drain, teleports, tracks } from './checks';

/** A reduced day: 80 drivers, the full 24 hours, every true position kept. */
const DRIVERS = 80;
const city = generateCity(7);
let events: FleetEvent[];
let summary: SimSummary;
const positions: PositionTruth[] = [];
const orders: OrderTruth[] = [];
const arrivals: ArrivalTruth[] = [];

beforeAll(() => {
  const onTruth = (r: TruthRecord) => {
    if (r.kind === 'position') positions.push(r);
    else if (r.kind === 'order') orders.push(r);
    else if (r.kind === 'arrival') arrivals.push(r);
  };
  const run = drain(simulateDay({ seed: 7, drivers: DRIVERS, city, truthPositions: true }, { onTruth }));
  events = run.items;
  summary = run.result;
});

const hourOf = (ts: number) => new Date(ts).getUTCHours();

describe('a simulated day', () => {
  it('sends only events that pass validateEvent, already in normalized form, with ids', () => {
    const bad: string[] = [];
    for (const e of events) {
      const line = JSON.stringify(e);
      const r = validateEvent(JSON.parse(line));
      if (!r.ok) bad.push(`${r.error} in ${line}`);
      else if (JSON.stringify(r.event) !== line || e.id === undefined) bad.push(`not normalized: ${line}`);
    }
    expect(bad).toEqual([]);
  });

  it('has three demand peaks: breakfast, lunch and dinner', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const e of events) if (e.type === 'order' && e.status === 'created') perHour[hourOf(e.ts)]++;
    const max = (hours: number[]) => Math.max(...hours.map((h) => perHour[h]));
    const breakfast = max([7, 8, 9]);
    const lunch = max([11, 12, 13]);
    const dinner = max([18, 19, 20, 21]);
    // Each peak clearly above the lull before and after it; the night quieter still.
    expect(breakfast).toBeGreaterThan(1.25 * perHour[10]);
    expect(lunch).toBeGreaterThan(1.25 * perHour[10]);
    expect(lunch).toBeGreaterThan(1.5 * Math.max(perHour[15], perHour[16]));
    expect(dinner).toBeGreaterThan(1.5 * Math.max(perHour[15], perHour[16]));
    expect(Math.max(...perHour.slice(1, 6))).toBeLessThan(0.25 * dinner);
    expect(perHour.indexOf(breakfast)).toBeLessThan(10);
  });

  it('keeps utilization, on-time share and cancellations in plausible ranges', () => {
    expect(summary.orders).toBeGreaterThan(DRIVERS * 30 * 0.85);
    expect(summary.orders).toBeLessThan(DRIVERS * 30 * 1.15);
    expect(summary.utilization).toBeGreaterThan(0.45);
    expect(summary.utilization).toBeLessThan(0.9);
    expect(summary.onTimeShare).toBeGreaterThan(0.8);
    expect(summary.onTimeShare).toBeLessThan(0.995);
    expect(summary.cancelled / summary.orders).toBeLessThan(0.08);
    expect(summary.delivered + summary.cancelled).toBe(summary.orders);
    expect(summary.driversOnline).toBe(0);
  });

  it('takes every order through created, assigned, picked_up, delivered (or cancelled) in time order', () => {
    const byOrder = new Map<string, OrderEvent[]>();
    for (const e of events) {
      if (e.type !== 'order') continue;
      if (!byOrder.has(e.orderId)) byOrder.set(e.orderId, []);
      const list = byOrder.get(e.orderId)!;
      if (!list.some((x) => x.id === e.id)) list.push(e); // duplicates are the feed's, not the order's
    }
    expect(byOrder.size).toBe(summary.orders);
    for (const list of byOrder.values()) {
      list.sort((a, b) => a.ts - b.ts);
      const path = list.map((e) => e.status).join(' ');
      expect(path).toMatch(/^created( assigned( picked_up( delivered)?)?)?( cancelled)?$/);
      expect(path.endsWith('delivered') || path.endsWith('cancelled')).toBe(true);
      const created = list[0];
      const sla = (created.promisedTs! - created.ts) / 60_000;
      expect(sla).toBeGreaterThanOrEqual(35);
      expect(sla).toBeLessThanOrEqual(45);
    }
  });

  it('sends locations only while a driver is online, after a named online event', () => {
    const sorted = [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => a.ts - b.ts);
    const online = new Map<string, boolean>();
    const bad: string[] = [];
    for (const e of sorted) {
      if (e.type === 'driver') {
        if (!/^\S+ [A-Z]\.$/.test(e.name ?? '')) bad.push(`name ${e.name}`);
        if ((online.get(e.driverId) ?? false) !== (e.status === 'offline')) bad.push(`${e.status} twice: ${e.id}`);
        online.set(e.driverId, e.status === 'online');
      } else if (e.type === 'location' && !online.get(e.driverId)) {
        bad.push(`location while offline: ${e.id}`);
      }
    }
    expect(bad).toEqual([]);
    expect([...online.values()].every((v) => !v)).toBe(true);
  });

  it('sends a fix every 10 s per driver while online, each driver on its own phase', () => {
    const fixes = new Map<string, number[]>();
    for (const e of events) {
      if (e.type !== 'location') continue;
      if (!fixes.has(e.driverId)) fixes.set(e.driverId, []);
      fixes.get(e.driverId)!.push(e.ts);
    }
    const phases = new Set<number>();
    let offGrid = 0;
    for (const ts of fixes.values()) {
      const uniq = [...new Set(ts)].sort((a, b) => a - b);
      phases.add(uniq[0] % 10_000);
      for (let i = 1; i < uniq.length; i++) if ((uniq[i] - uniq[i - 1]) % 10_000 !== 0) offGrid++;
    }
    expect(offGrid).toBe(0);
    expect(phases.size).toBeGreaterThan(DRIVERS * 0.9);
  });

  it('never moves a vehicle faster than the road allows, nor off its road', () => {
    const bad: string[] = [];
    for (const p of positions) {
      if (p.edge < 0) {
        if (p.speedKph !== 0) bad.push(`parked but moving: ${JSON.stringify(p)}`);
        continue;
      }
      if (p.speedKph > city.speedKph[p.edge] + 1e-9) bad.push(`too fast: ${JSON.stringify(p)}`);
      // On the edge's own shape.
      const off = distanceToEdgeM(city, p.edge, p.lat, p.lng);
      if (off > 0.5) bad.push(`off the road by ${off.toFixed(1)} m: ${JSON.stringify(p)}`);
    }
    bad.push(...[...tracks(positions).values()].flatMap((t) => teleports(t, city.maxSpeedKph, 10_000)));
    expect(bad.slice(0, 5)).toEqual([]);
    expect(positions.length).toBeGreaterThan(100_000);
  });

  it('adds the feed imperfections: duplicates, out-of-order and late events, in small shares', () => {
    const ids = new Set<string>();
    let duplicates = 0;
    let backwards = 0;
    let late = 0;
    let newest = 0;
    for (const e of events) {
      if (ids.has(e.id!)) duplicates++;
      ids.add(e.id!);
      if (e.ts < newest) backwards++;
      if (newest - e.ts > 120_000) late++;
      newest = Math.max(newest, e.ts);
    }
    const n = events.length;
    expect(duplicates / n).toBeGreaterThan(0.003);
    expect(duplicates / n).toBeLessThan(0.008);
    expect(backwards / n).toBeGreaterThan(0.005);
    expect(backwards / n).toBeLessThan(0.03);
    expect(late / n).toBeGreaterThan(0.0005);
    expect(late / n).toBeLessThan(0.004);
    expect(summary.faults.duplicate).toBe(duplicates);
  });

  it('reports ground truth arrivals that bracket the order events', () => {
    expect(orders.length).toBe(summary.orders);
    const delivered = orders.filter((o) => o.deliveredTs !== null);
    expect(arrivals.length).toBeGreaterThanOrEqual(2 * delivered.length);
    for (const o of delivered) {
      expect(o.pickupArrivalTs!).toBeGreaterThanOrEqual(o.assignedTs!);
      expect(o.pickedUpTs!).toBeGreaterThanOrEqual(Math.max(o.pickupArrivalTs!, o.readyTs));
      expect(o.dropoffArrivalTs!).toBeGreaterThan(o.pickedUpTs!);
      expect(o.deliveredTs!).toBeGreaterThanOrEqual(o.dropoffArrivalTs!);
      expect(o.onTime).toBe(o.deliveredTs! <= o.promisedTs);
    }
  });
});
