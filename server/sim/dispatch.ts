/**
 * Dispatch: which idle driver gets a waiting order. The simulator runs a dispatch round every few
 * seconds; in each, it offers the waiting orders oldest first to the policy, which picks a driver
 * among the idle ones or leaves the order waiting for the next round.
 *
 * The default policy, `nearestIdleByTravelTime`, gives the order to the idle driver who can reach
 * the pickup soonest on the road network under current congestion (a moving driver counts from
 * the end of the road piece it is on, plus the seconds left to get there). It finds that driver
 * with one backward Dijkstra from the pickup that stops at the first idle driver it meets, or,
 * when only a few drivers are idle, by routing from each. Ties go to the driver found first (at
 * one spot: who has waited longest). Orders beyond `maxSeconds` of any idle driver wait.
 *
 * Swap it through `SimSettings.dispatch`; a policy only reads the context it is given.
 */
import { haversineM } from '../../lib/geo';
import type { LatLng } from '../../lib/events';
import type { RoadGraph } from '../roads/graph';
import type { Route, RouteOptions, Router } from '../roads/router';

export interface DispatchOrder {
  id: string;
  pickupNode: number;
  pickup: LatLng;
  createdTs: number;
  readyTs: number;
  promisedTs: number;
}

export interface DispatchContext {
  now: number;
  graph: RoadGraph;
  router: Router;
  idle: IdlePool;
  /** departure time and congestion for routes planned now */
  routeOptions: RouteOptions;
}

export interface DispatchChoice {
  /** the driver's index in the fleet */
  driver: number;
  /** the route from idle.nodeOf(driver) to the pickup, when the policy already has it */
  route?: Route | null;
}

export interface DispatchPolicy {
  readonly name: string;
  /** The driver for `order`, or null to leave it waiting until the next round. */
  choose(order: DispatchOrder, ctx: DispatchContext): DispatchChoice | null;
}

/**
 * The idle drivers open to new orders, by the node they are at (or will reach next, when moving),
 * in per-node lists ordered by when they joined: O(1) add, remove and move.
 */
export class IdlePool {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly nextOf: Int32Array;
  private readonly prevOf: Int32Array;
  private readonly node: Int32Array;
  private readonly offset: Float64Array;
  private n = 0;
  /** the pooled drivers, compactly (in no particular but a deterministic order) */
  private readonly members: Int32Array;
  private readonly slot: Int32Array;
  /** how many times a driver has joined the pool (moves within it do not count) */
  joins = 0;

  constructor(nodeCount: number, driverCount: number) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.tail = new Int32Array(nodeCount).fill(-1);
    this.nextOf = new Int32Array(driverCount).fill(-1);
    this.prevOf = new Int32Array(driverCount).fill(-1);
    this.node = new Int32Array(driverCount).fill(-1);
    this.offset = new Float64Array(driverCount);
    this.members = new Int32Array(driverCount);
    this.slot = new Int32Array(driverCount).fill(-1);
  }

  get count(): number {
    return this.n;
  }

  has(driver: number): boolean {
    return this.node[driver] >= 0;
  }

  /** The node a pooled driver is at or reaches next (-1 when not pooled). */
  nodeOf(driver: number): number {
    return this.node[driver];
  }

  /** Seconds until a pooled driver reaches nodeOf(driver) (0 when parked there). */
  offsetOf(driver: number): number {
    return this.offset[driver];
  }

  /** The first (longest waiting) pooled driver at `node`, or -1. */
  first(node: number): number {
    return this.head[node];
  }

  /** The pooled driver after `driver` at the same node, or -1. */
  next(driver: number): number {
    return this.nextOf[driver];
  }

  /** Adds a driver (or moves it, when already pooled) to `node`. */
  put(driver: number, node: number, offsetSec: number): void {
    if (this.node[driver] === node) {
      this.offset[driver] = offsetSec;
      return;
    }
    if (this.node[driver] >= 0) this.unlink(driver);
    else {
      this.slot[driver] = this.n;
      this.members[this.n++] = driver;
      this.joins++;
    }
    this.node[driver] = node;
    this.offset[driver] = offsetSec;
    this.prevOf[driver] = this.tail[node];
    this.nextOf[driver] = -1;
    if (this.tail[node] >= 0) this.nextOf[this.tail[node]] = driver;
    else this.head[node] = driver;
    this.tail[node] = driver;
  }

  remove(driver: number): void {
    if (this.node[driver] < 0) return;
    this.unlink(driver);
    this.node[driver] = -1;
    // Swap-remove from the compact list.
    const last = this.members[--this.n];
    this.members[this.slot[driver]] = last;
    this.slot[last] = this.slot[driver];
    this.slot[driver] = -1;
  }

  /** Calls fn for every pooled driver. */
  forEach(fn: (driver: number, node: number, offsetSec: number) => void): void {
    for (let i = 0; i < this.n; i++) {
      const d = this.members[i];
      fn(d, this.node[d], this.offset[d]);
    }
  }

  private unlink(d: number): void {
    const v = this.node[d];
    const p = this.prevOf[d];
    const nx = this.nextOf[d];
    if (p >= 0) this.nextOf[p] = nx;
    else this.head[v] = nx;
    if (nx >= 0) this.prevOf[nx] = p;
    else this.tail[v] = p;
  }
}

/**
 * Nearest idle driver by travel time (the default; see the file comment).
 * @param maxSeconds leave the order waiting when no idle driver is this close (default 1200)
 */
export function nearestIdleByTravelTime(options: { maxSeconds?: number; fewDrivers?: number } = {}): DispatchPolicy {
  const maxSeconds = options.maxSeconds ?? 1200;
  const few = options.fewDrivers ?? 8;
  return {
    name: 'nearest-idle-by-travel-time',
    choose(order, ctx) {
      if (ctx.idle.count === 0) return null;
      return ctx.idle.count <= few
        ? routeEach(order, ctx, maxSeconds)
        : searchFromPickup(order, ctx, maxSeconds);
    },
  };
}

/** One backward search from the pickup, stopped at the first idle driver it cannot beat. */
function searchFromPickup(order: DispatchOrder, ctx: DispatchContext, maxSeconds: number): DispatchChoice | null {
  const { idle, router } = ctx;
  let best = -1;
  let bestNode = -1;
  let bestSec = Infinity;
  router.searchToward(
    order.pickupNode,
    (v, sec) => {
      if (sec >= bestSec) return true;
      for (let d = idle.first(v); d >= 0; d = idle.next(d)) {
        const total = sec + idle.offsetOf(d);
        if (total < bestSec) {
          bestSec = total;
          best = d;
          bestNode = v;
        }
      }
      return false;
    },
    { ...ctx.routeOptions, maxSeconds },
  );
  if (best < 0 || bestSec > maxSeconds) return null;
  return { driver: best, route: router.pathToTarget(bestNode) };
}

/**
 * With only a few idle drivers (rush hour), a search from the pickup would sweep much of the city
 * to find them: route from each instead, the most promising (by lower bound) first, until no other
 * can beat the best. Same answer, a fraction of the work.
 */
function routeEach(order: DispatchOrder, ctx: DispatchContext, maxSeconds: number): DispatchChoice | null {
  const { idle, router, routeOptions } = ctx;
  const candidates: { driver: number; node: number; bound: number }[] = [];
  idle.forEach((driver, node, offset) => {
    candidates.push({ driver, node, bound: offset + router.lowerBound(node, order.pickupNode, routeOptions) });
  });
  candidates.sort((a, b) => a.bound - b.bound || a.driver - b.driver);
  let best: DispatchChoice | null = null;
  let bestSec = maxSeconds;
  for (const c of candidates) {
    if (c.bound > bestSec || (best && c.bound === bestSec)) break;
    const offset = idle.offsetOf(c.driver);
    const route = router.route(c.node, order.pickupNode, { ...routeOptions, maxSeconds: bestSec - offset });
    if (route && offset + route.seconds <= bestSec && (!best || offset + route.seconds < bestSec)) {
      bestSec = offset + route.seconds;
      best = { driver: c.driver, route };
    }
  }
  return best;
}

/**
 * Nearest idle driver in a straight line: what a dispatcher without a road graph would do. A
 * baseline to compare the default with (it ignores rivers and one-way streets).
 */
export const nearestIdleByDistance: DispatchPolicy = {
  name: 'nearest-idle-by-distance',
  choose(order, ctx) {
    let best = -1;
    let bestM = Infinity;
    const g = ctx.graph;
    ctx.idle.forEach((d, v) => {
      const m = haversineM(g.lat[v], g.lng[v], order.pickup.lat, order.pickup.lng);
      if (m < bestM) {
        bestM = m;
        best = d;
      }
    });
    return best < 0 ? null : { driver: best };
  },
};
