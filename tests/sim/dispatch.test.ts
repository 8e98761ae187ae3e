import { describe, expect, it } from 'vitest';
import { generateCity } from '../../server/roads/generate';
import { Rng } from '../../server/roads/random';
import { Router } from '../../server/roads/router';
import {
  IdlePool,
  nearestIdleByDistance,
  nearestIdleByTravelTime,
  simulateRange,
  type DispatchContext,
  type DispatchOrder,
  type DispatchPolicy,
  type TruthRecord,
} from '../../server/sim/index';
import { tinyGraph } from '../roads/tiny-graphs';
import { drain } from './checks';

/*
 *   X . . river . . P ---- Y        X is 300 m from the pickup P as the crow flies, but across a
 *   |                               river: the only bridge is 1 km north. Y is 600 m away on P's
 *   B1 ====== bridge ===== B2       side of the river.
 */
const riverTown = () =>
  tinyGraph(
    { X: [0, 0], P: [300, 0], Y: [900, 0], B1: [0, 1000], B2: [300, 1000], Q: [300, -200] },
    [
      { points: ['X', 'B1', 'B2', 'P', 'Y'] },
      { points: ['P', 'Q'] },
    ],
  );

const orderAt = (node: number, lat: number, lng: number): DispatchOrder => ({
  id: 'o-1',
  pickupNode: node,
  pickup: { lat, lng },
  createdTs: 0,
  readyTs: 0,
  promisedTs: 0,
});

describe('dispatch policies', () => {
  const { graph, node } = riverTown();
  const router = new Router(graph);
  const idle = new IdlePool(graph.nodeCount, 2);
  idle.put(0, node('X'), 0);
  idle.put(1, node('Y'), 0);
  const ctx: DispatchContext = { now: 0, graph, router, idle, routeOptions: {} };
  const order = orderAt(node('P'), graph.lat[node('P')], graph.lng[node('P')]);

  it('nearest idle by travel time takes the driver on the same side of the river, with its route', () => {
    const choice = nearestIdleByTravelTime().choose(order, ctx)!;
    expect(choice.driver).toBe(1);
    expect(Array.from(choice.route!.nodes)).toEqual([node('Y'), node('P')]);
  });

  it('nearest idle by straight-line distance takes the one across the river', () => {
    expect(nearestIdleByDistance.choose(order, ctx)!.driver).toBe(0);
  });

  it('counts a moving driver from the junction it reaches next plus the seconds to get there', () => {
    const pool = new IdlePool(graph.nodeCount, 2);
    pool.put(0, node('Q'), 0); // 200 m from P: 20 s at 36 km/h
    pool.put(1, node('P'), 25); // reaches P itself in 25 s
    expect(nearestIdleByTravelTime().choose(order, { ...ctx, idle: pool })!.driver).toBe(0);
    pool.put(1, node('P'), 15);
    expect(nearestIdleByTravelTime().choose(order, { ...ctx, idle: pool })!.driver).toBe(1);
  });

  it('leaves the order waiting when no idle driver is within maxSeconds', () => {
    const pool = new IdlePool(graph.nodeCount, 1);
    pool.put(0, node('X'), 0);
    expect(nearestIdleByTravelTime({ maxSeconds: 100 }).choose(order, { ...ctx, idle: pool })).toBeNull();
  });
});

describe('IdlePool', () => {
  it('lists drivers per node in the order they joined, and moves them', () => {
    const pool = new IdlePool(3, 4);
    pool.put(2, 1, 0);
    pool.put(0, 1, 0);
    pool.put(3, 2, 5);
    expect([pool.first(1), pool.next(pool.first(1))]).toEqual([2, 0]);
    pool.put(2, 2, 1);
    expect(pool.first(1)).toBe(0);
    expect([pool.first(2), pool.next(3)]).toEqual([3, 2]);
    pool.remove(3);
    expect(pool.first(2)).toBe(2);
    expect(pool.count).toBe(2);
    expect(pool.joins).toBe(3);
    expect(pool.offsetOf(2)).toBe(1);
  });
});

describe('a swapped dispatch policy', () => {
  it('is used by the simulator: one that never assigns leaves every order to be cancelled', () => {
    const never: DispatchPolicy = { name: 'never', choose: () => null };
    const truth: TruthRecord[] = [];
    const events = drain(
      simulateRange({ drivers: 5, dispatch: never }, Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 25, 12), {
        onTruth: (r) => truth.push(r),
      }),
    ).items;
    const statuses = new Set(events.flatMap((e) => (e.type === 'order' ? [e.status] : [])));
    expect(statuses).toEqual(new Set(['created', 'cancelled']));
    const reasons = new Set(truth.flatMap((r) => (r.kind === 'order' ? [r.cancelReason] : [])));
    expect(reasons).toEqual(new Set(['unassigned_too_long']));
  });
});

describe('nearest idle by travel time, two ways', () => {
  it('finds the same travel time by routing from each of a few drivers as by searching from the pickup', () => {
    const g = generateCity(2, { widthKm: 4, heightKm: 3 });
    const router = new Router(g);
    const rng = new Rng(3);
    const search = nearestIdleByTravelTime({ fewDrivers: 0 });
    const each = nearestIdleByTravelTime({ fewDrivers: 1000 });
    for (let i = 0; i < 100; i++) {
      const pool = new IdlePool(g.nodeCount, 6);
      const n = 1 + rng.int(6);
      for (let d = 0; d < n; d++) pool.put(d, rng.int(g.nodeCount), rng.int(3) === 0 ? rng.range(0, 30) : 0);
      const p = rng.int(g.nodeCount);
      const ctx: DispatchContext = { now: 0, graph: g, router, idle: pool, routeOptions: {} };
      const order = orderAt(p, g.lat[p], g.lng[p]);
      const a = search.choose(order, ctx)!;
      const b = each.choose(order, ctx)!;
      const total = (c: typeof a) => pool.offsetOf(c.driver) + c.route!.seconds;
      expect(total(b)).toBeCloseTo(total(a), 6);
      expect(b.route!.nodes[0]).toBe(pool.nodeOf(b.driver));
      expect(b.route!.nodes[b.route!.nodes.length - 1]).toBe(p);
    }
  });
});
