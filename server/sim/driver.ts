/**
 * A simulated driver and how it moves: where it is at any time, routes to a target, and where an
 * idle driver heads (back towards the nearest hot spot when far from all of them).
 */
import type { DriverEvent, LocationEvent } from '../../lib/events';
import { haversineM } from '../../lib/geo';
import type { RoadGraph } from '../roads/graph';
import { Rng } from '../roads/random';
import type { CongestionFn, Route, Router } from '../roads/router';
import type { PlacedHotSpot } from './demand';
import { Plan, type TruePosition } from './motion';
import type { SimOrder } from './orders';
import { drawName, type Shift } from './shifts';

// Driver states.
export const OFFLINE = 0;
export const IDLE = 1;
export const TO_PICKUP = 2;
export const AT_PICKUP = 3;
export const TO_DROPOFF = 4;
export const AT_DROPOFF = 5;

/** An idle driver further than this from every hot spot drives back towards one (60% do). */
const REPOSITION_BEYOND_M = 1500;
const REPOSITION_SHARE = 0.6;

export interface SimDriver {
  index: number;
  id: string;
  name: string;
  /** share of the road's speed this driver drives at (<= 1) */
  pace: number;
  phaseMs: number;
  shifts: Shift[];
  state: number;
  /** where the driver is parked (valid when plan is null) */
  node: number;
  odo: number;
  plan: Plan | null;
  /** bumps on every change of plan: agenda entries of an older plan are ignored */
  version: number;
  order: SimOrder | null;
  heading: number;
  /** in the last minutes of a shift: takes no new order */
  windingDown: boolean;
  /** the shift is over: log off once the current order is done */
  endAfterJob: boolean;
  onlineSince: number;
  busySince: number;
  onlineMs: number;
  busyMs: number;
  everOnline: boolean;
  /** this stretch online: when it began, and the last fix sent */
  onlineEvent: DriverEvent | null;
  lastFix: LocationEvent | null;
}

/**
 * The fleet: names, home nodes, pace and GPS phase come from the seed alone (the same people every
 * day); shifts from `shiftsRng`, a stream of the day.
 */
export function createFleet(
  seed: number,
  count: number,
  fixEverySec: number,
  nodeCount: number,
  drawShifts: (rng: Rng) => Shift[],
  shiftsRng: Rng,
): SimDriver[] {
  const people = new Rng(seed, 6);
  const width = Math.max(4, String(count).length);
  const drivers: SimDriver[] = [];
  for (let i = 0; i < count; i++) {
    drivers.push({
      index: i,
      id: `d-${String(i + 1).padStart(width, '0')}`,
      name: drawName(people),
      node: people.int(nodeCount),
      pace: people.range(0.85, 1),
      phaseMs: people.int(fixEverySec * 1000),
      heading: people.int(360),
      shifts: drawShifts(shiftsRng),
      state: OFFLINE,
      odo: 0,
      plan: null,
      version: 0,
      order: null,
      windingDown: false,
      endAfterJob: false,
      onlineSince: 0,
      busySince: 0,
      onlineMs: 0,
      busyMs: 0,
      everOnline: false,
      onlineEvent: null,
      lastFix: null,
    });
  }
  return drivers;
}

export class Driving {
  private readonly pos: TruePosition = { lat: 0, lng: 0, heading: 0, speedKph: 0, edge: -1, odoM: 0 };

  constructor(
    private readonly graph: RoadGraph,
    private readonly router: Router,
    private readonly congestion: CongestionFn,
    private readonly rng: Rng,
    private readonly hotSpots: PlacedHotSpot[],
  ) {}

  /** The driver's true position at `t` (a shared scratch object: copy what you keep). */
  locate(d: SimDriver, t: number): TruePosition {
    const p = this.pos;
    if (d.plan) {
      d.plan.locate(this.graph, t, p);
      if (p.speedKph > 0) d.heading = p.heading;
      else p.heading = d.heading;
    } else {
      p.lat = this.graph.lat[d.node];
      p.lng = this.graph.lng[d.node];
      p.speedKph = 0;
      p.heading = d.heading;
      p.edge = -1;
      p.odoM = d.odo;
    }
    return p;
  }

  /** Ends a finished plan: the driver is parked at its destination. */
  park(d: SimDriver): void {
    if (!d.plan) return;
    d.node = d.plan.destination;
    d.odo = d.plan.endOdo;
    d.plan = null;
  }

  /** Stops tracking a driver going off duty; mid-road, it finishes that piece of road first. */
  stop(d: SimDriver, now: number): void {
    if (!d.plan) return;
    const cur = d.plan.current(now);
    d.node = cur ? this.graph.edgeTo[cur.edge] : d.plan.destination;
    d.odo = cur ? cur.odo + this.graph.lengthM[cur.edge] : d.plan.endOdo;
    d.plan = null;
  }

  /**
   * Gives the driver a new plan towards `target` (or just to the end of the road it is on, with
   * null) along `route` when it starts where the driver will be, else the fastest route now. A
   * driver mid-road keeps driving that piece of road first. Returns the arrival time (ms).
   */
  driveTo(d: SimDriver, now: number, target: number | null, route?: Route | null): number {
    const cur = d.plan?.current(now) ?? null;
    if (!cur) this.park(d);
    const from = cur ? this.graph.edgeTo[cur.edge] : d.node;
    const startTs = cur ? cur.exit : now;
    let edges: ArrayLike<number> = [];
    if (target !== null && target !== from) {
      const r =
        route && route.nodes[0] === from && route.nodes[route.nodes.length - 1] === target
          ? route
          : this.router.route(from, target, { departTs: startTs, congestion: this.congestion });
      if (!r) throw new Error(`no route from node ${from} to node ${target}: the graph must be strongly connected`);
      edges = r.edges;
    }
    d.plan = Plan.build(this.graph, edges, startTs, cur ? cur.odo : d.odo, from, this.seconds(d), cur ?? undefined);
    d.version++;
    return d.plan.arrival;
  }

  /**
   * Sends a parked idle driver towards the nearest hot spot when it is far from all of them.
   * Returns the arrival time, or null when the driver stays put.
   */
  reposition(d: SimDriver, now: number): number | null {
    if (d.plan) return null;
    const g = this.graph;
    let spot: PlacedHotSpot | null = null;
    let bestM = Infinity;
    for (const s of this.hotSpots) {
      const m = haversineM(g.lat[d.node], g.lng[d.node], s.lat, s.lng);
      if (m < bestM) {
        bestM = m;
        spot = s;
      }
    }
    if (!spot || bestM <= REPOSITION_BEYOND_M || !this.rng.chance(REPOSITION_SHARE)) return null;
    // Follow the spot's route tree until within a random distance of it, so drivers spread out.
    const edges: number[] = [];
    const stopM = 150 + this.rng.range(0, 250);
    for (let v = d.node, guard = 0; guard < g.nodeCount; guard++) {
      if (haversineM(g.lat[v], g.lng[v], spot.lat, spot.lng) <= stopM) break;
      const e = spot.treeToward[v];
      if (e < 0) break;
      edges.push(e);
      v = g.edgeTo[e];
    }
    if (edges.length === 0) return null;
    d.plan = Plan.build(g, edges, now, d.odo, d.node, this.seconds(d));
    d.version++;
    return d.plan.arrival;
  }

  /** The node an idle driver is at or reaches next, and the seconds until it gets there. */
  poolPlace(d: SimDriver, now: number): [number, number] {
    const cur = d.plan?.current(now) ?? null;
    if (cur) return [this.graph.edgeTo[cur.edge], (cur.exit - now) / 1000];
    return [d.plan ? d.plan.destination : d.node, 0];
  }

  /**
   * Actual seconds on an edge: congestion when entering it (never below free flow), the driver's
   * pace, and a random delay (lights, parking cars) of 5% on average, at most 50%.
   */
  private seconds(d: SimDriver): (e: number, enterTs: number) => number {
    const g = this.graph;
    return (e, enterTs) => {
      const jam = Math.max(1, this.congestion(g.roadClass[e], enterTs));
      const delay = 1 + Math.min(0.5, this.rng.exp(0.05));
      return (g.freeSeconds[e] * jam * delay) / d.pace;
    };
  }
}
