/**
 * The dispatch desk: the orders waiting for a courier, the pool of idle drivers, and the rounds
 * that match them through the DispatchPolicy (see dispatch.ts for the default policy).
 */
import type { RoadGraph } from '../roads/graph';
import type { CongestionFn, Route, Router } from '../roads/router';
import { IdlePool, type DispatchContext, type DispatchPolicy } from './dispatch';
import { ORDER_WAITING, type SimOrder } from './orders';

/** An order no courier could take is offered again after this, or as soon as a courier frees up. */
const RETRY_MS = 30_000;

export class DispatchDesk {
  readonly idle: IdlePool;
  private waiting: SimOrder[] = [];
  /** pooled drivers on the move (towards a hot spot): their pool place changes as they drive */
  private readonly moving = new Set<number>();

  constructor(
    private readonly graph: RoadGraph,
    private readonly router: Router,
    private readonly policy: DispatchPolicy,
    private readonly congestion: CongestionFn,
    driverCount: number,
    /** the node a driver is at or reaches next, and the seconds until then */
    private readonly placeOf: (driver: number, now: number) => [number, number],
  ) {
    this.idle = new IdlePool(graph.nodeCount, driverCount);
  }

  addOrder(o: SimOrder): void {
    this.waiting.push(o);
  }

  /** A driver is open to orders; `moving` when it is driving somewhere meanwhile. */
  driverFree(driver: number, now: number, moving: boolean): void {
    if (moving) this.moving.add(driver);
    const [node, offset] = this.placeOf(driver, now);
    this.idle.put(driver, node, offset);
  }

  /** A pooled driver that was on the move has stopped at `node`. */
  driverParked(driver: number, node: number): void {
    this.moving.delete(driver);
    if (this.idle.has(driver)) this.idle.put(driver, node, 0);
  }

  /** A driver is no longer open to orders (assigned, going home, off duty). */
  driverGone(driver: number): void {
    this.idle.remove(driver);
    this.moving.delete(driver);
  }

  /**
   * One dispatch round at `now`: offers the waiting orders, oldest first, to the policy and calls
   * `assign` for each match. Orders not yet due (the food is far from ready), and orders nobody
   * could take when no courier has become free since (for up to RETRY_MS), sit this round out.
   */
  round(now: number, assign: (o: SimOrder, driver: number, route?: Route | null) => void): void {
    if (this.waiting.length === 0 || this.idle.count === 0) return;
    for (const d of this.moving) {
      if (!this.idle.has(d)) continue;
      const [node, offset] = this.placeOf(d, now);
      this.idle.put(d, node, offset);
    }
    const ctx: DispatchContext = {
      now,
      graph: this.graph,
      router: this.router,
      idle: this.idle,
      routeOptions: { departTs: now, congestion: this.congestion },
    };
    const still: SimOrder[] = [];
    for (const o of this.waiting) {
      if (o.state !== ORDER_WAITING) continue;
      const blocked = o.failedJoins === this.idle.joins && now - o.failedTs < RETRY_MS;
      if (o.dispatchTs > now || this.idle.count === 0 || blocked) {
        still.push(o);
        continue;
      }
      const choice = this.policy.choose(o, ctx);
      if (choice && this.idle.has(choice.driver)) {
        this.driverGone(choice.driver);
        assign(o, choice.driver, choice.route);
      } else {
        o.failedTs = now;
        o.failedJoins = this.idle.joins;
        still.push(o);
      }
    }
    this.waiting = still;
  }
}
