import type { LatLng } from '../../lib/events';
import { haversineM } from '../../lib/geo';
import type { RoadGraph } from '../roads/graph';
import { ROAD_CLASS_COUNT } from '../roads/road-class';
import type { RouteTrees } from '../roads/route-tree';
import type { RoadSnap, SegmentGrid } from '../roads/segment-grid';
import type { EtaModel, EtaQuery, EtaStep } from './eta';
import { graphStatics } from './eta-road-graph';
import { LearnedSpeeds, SPEED_WEIGHT_DEFAULTS, type SpeedWeights } from './eta-speeds';
import { PaceSteps } from './pace-steps';

export interface RoadEtaOptions {
  /** H3 resolution of the zones speeds are learned in (7: about 5 km²) */
  zoneResolution: number;
  /** pseudo-seconds of free-flow driving that pull a zone's ratio to its class's, a class's to all */
  shrinkS: number;
  /** the ratio (actual / free-flow time) assumed before anything is learned */
  priorRatio: number;
  /**
   * Steps slower than this are stops: their time counts `stopWeight` times in the learned ratios
   * (0: moving time only; 1: all, which also counts waiting at the kerb as traffic).
   */
  movingKph: number;
  stopWeight: number;
  /** a step whose middle is farther than this from any road is not learned from */
  maxStepSnapM: number;
  /** from or to farther than this from the nearest junction: straight-line fallback */
  maxSnapM: number;
  /** a position this close to its junction is on the map: its access leg is a street */
  nearSnapM: number;
  /**
   * Snap positions onto the nearest road (within 100 m) rather than to the nearest junction: the
   * route starts and ends part-way along an edge, on the side of a two-way street that heads to
   * the other end.
   */
  snapToEdges: boolean;
  /**
   * Weight of the driver's own recent pace (its steps' actual over learned time, over `paceMs`) in
   * the blend, and the horizon over which that weight fades; `paceShrinkS` pseudo-seconds pull the
   * pace to 1 when the driver has driven little.
   */
  driverWeight: number;
  driverFadeS: number;
  paceMs: number;
  /**
   * A driver's steps are kept this long behind its newest: answers for a time at most this much
   * before a driver's newest step are exact (the engine asks at the newest fix, or at a pickup
   * within the allowed lateness of it).
   */
  paceKeepMs: number;
  paceShrinkS: number;
  paceStops: boolean;
  /** seconds added per junction passed (turns, lights), learned ratios aside */
  perNodeS: number;
  /** seconds added to every answer: pulling over and stopping at the stop */
  arriveS: number;
  /**
   * The access legs (position to junction) and the fallback (off the map, no route): straight
   * line × detour at this free-flow speed, times the learned overall ratio.
   */
  detour: number;
  accessKph: number;
  /** free-flow speed of the fallback: a trip off the map leaves the city on fast roads */
  fallbackKph: number;
  /** how the learned buckets are weighted by age and time of day */
  weights: SpeedWeights;
}

export const ROAD_ETA_DEFAULTS: RoadEtaOptions = {
  zoneResolution: 7,
  shrinkS: 120,
  priorRatio: 1.6,
  movingKph: 3,
  stopWeight: 0,
  maxStepSnapM: 60,
  maxSnapM: 400,
  nearSnapM: 150,
  snapToEdges: true,
  driverWeight: 0.5,
  driverFadeS: 600,
  paceMs: 5 * 60_000,
  paceKeepMs: 20 * 60_000,
  paceShrinkS: 60,
  paceStops: true,
  perNodeS: 0,
  arriveS: 30,
  detour: 1.4,
  accessKph: 45,
  fallbackKph: 70,
  weights: SPEED_WEIGHT_DEFAULTS,
};

/**
 * ETA model v2: the fastest route on the road graph (free flow, read off a route tree of the
 * target grown once for every fix toward it: `RouteTrees`), timed with travel-time ratios
 * learned online from the drivers' own steps — by road class, zone and time of day — and blended
 * with the driver's recent speed. Pure: the graph is data handed in; learning comes only through
 * `observeStep`, and an answer for `atTs` reads only what was learned from steps before it.
 *
 * @example
 *   const engine = new Engine({}, roadEta(loadOsmGeoJson(text)));
 */
export function roadEta(graph: RoadGraph, options: Partial<RoadEtaOptions> = {}): RoadEtaModel {
  return new RoadEtaModel(graph, { ...ROAD_ETA_DEFAULTS, ...options });
}

const C = ROAD_CLASS_COUNT;

/** What the road model learned, as kept in engine snapshots. */
export interface RoadEtaState {
  /** which graph the zones and classes refer to: state learned on another graph is not loaded */
  graph: string;
  speeds: ReturnType<LearnedSpeeds['toJSON']>;
  /**
   * per driver: its newest step's end, and its steps (PaceSteps.toJSON: step end ts, actual
   * seconds, learned seconds, moving 1/0, one step after another; older snapshots: a list of those)
   */
  pace: [string, number | null, number[] | [number, number, number, number][]][];
}

export class RoadEtaModel implements EtaModel {
  readonly name = 'road';
  readonly speeds: LearnedSpeeds;
  /** zone index of each edge (its middle) */
  private readonly edgeZone: Int32Array;
  /** for snapping a step to the road it is on */
  readonly roads: SegmentGrid;
  /** fastest routes toward the targets asked for lately (a cache: answers do not depend on it) */
  readonly trees: RouteTrees;
  /** driver -> its recent steps for the pace (one entry a driver, so a step costs one lookup) */
  private readonly pace = new Map<string, PaceSteps>();
  /** the same street the other way (u→v and v→u with one shape), or -1 for a one-way edge */
  private readonly twin: Int32Array;
  /** per-query memo of ratios by key */
  private readonly memo = new Map<number, number>();
  /**
   * The road and junction nearest to a stop, by the stop's object (an order's pickup or drop-off,
   * asked about at every tick and fix): checked against its coordinates, so only a lookup saved.
   */
  private readonly targets = new WeakMap<LatLng, { lat: number; lng: number; snap: RoadSnap | null; node: number }>();

  constructor(
    readonly graph: RoadGraph,
    readonly o: RoadEtaOptions,
  ) {
    this.speeds = new LearnedSpeeds(o.weights);
    const st = graphStatics(graph, o.zoneResolution);
    this.edgeZone = st.edgeZone;
    this.roads = st.roads;
    this.twin = st.twin;
    this.trees = st.trees;
  }

  private target(p: LatLng): { snap: RoadSnap | null; node: number } {
    const known = this.targets.get(p);
    if (known && known.lat === p.lat && known.lng === p.lng) return known;
    const t = { lat: p.lat, lng: p.lng, snap: this.roads.nearest(p.lat, p.lng), node: this.graph.nearestNode(p.lat, p.lng) };
    this.targets.set(p, t);
    return t;
  }

  /**
   * The fastest route (free flow) from node `from` to node `to`, timed with the learned ratios as
   * of `atTs`: seconds, metres and junctions passed (both ends included); null when there is none.
   * `free` times an edge by its free-flow seconds, otherwise by its length at its speed.
   */
  private routeTimed(from: number, to: number, atTs: number, free: boolean): { seconds: number; metres: number; nodes: number } | null {
    const tree = this.trees.toward(from, to);
    if (!tree) return null;
    const g = this.graph;
    let seconds = 0;
    let metres = 0;
    let nodes = 1;
    for (let v = from; v !== to; nodes++) {
      const e = tree.nextEdge(v);
      seconds += free ? g.freeSeconds[e] * this.ratio(g.roadClass[e], this.edgeZone[e], atTs) : this.edgeSeconds(e, g.lengthM[e], atTs);
      metres += g.lengthM[e];
      v = g.edgeTo[e];
    }
    return { seconds, metres, nodes };
  }

  private keyOf(level: 0 | 1 | 2, cls: number, zone: number): number {
    return level === 0 ? 0 : level === 1 ? 1 + cls : 1 + C + zone * C + cls;
  }

  observeStep(s: EtaStep, sign: 1 | -1): void {
    const ms = s.toTs - s.fromTs;
    if (ms <= 0) return;
    const moving = (s.metres / ms) * 3600 >= this.o.movingKph;
    const lat = (s.fromLat + s.toLat) / 2;
    const lng = (s.fromLng + s.toLng) / 2;
    // Only a road within maxStepSnapM counts, so none farther is looked for.
    const e = this.roads.nearestEdge(lat, lng, this.o.maxStepSnapM);
    if (e < 0) return;
    const g = this.graph;
    const cls = g.roadClass[e];
    const actual = ms / 1000;
    const free = s.metres / (g.speedKph[e] / 3.6);
    this.addPace(s, actual, free * this.ratio(cls, this.edgeZone[e], s.toTs, false), moving, sign);
    const counted = moving ? actual : actual * this.o.stopWeight;
    if (counted <= 0) return;
    const zone = this.edgeZone[e];
    const freeS = moving ? free : 0;
    this.speeds.add(this.keyOf(0, cls, zone), s.toTs, counted, freeS, sign);
    this.speeds.add(this.keyOf(1, cls, zone), s.toTs, counted, freeS, sign);
    this.speeds.add(this.keyOf(2, cls, zone), s.toTs, counted, freeS, sign);
  }

  /**
   * The driver's recent steps, each with the time the learned ratios gave it (as of the step's
   * end): their quotient is how much slower or faster than the traffic this driver goes.
   */
  private addPace(s: EtaStep, actual: number, expected: number, moving: boolean, sign: 1 | -1): void {
    let p = this.pace.get(s.driverId);
    if (!p) this.pace.set(s.driverId, (p = new PaceSteps()));
    // A trail has one step ending at each fix: a withdrawn step is the one recorded at its end.
    if (sign < 0) {
      p.delete(s.toTs);
      return;
    }
    p.set(s.toTs, actual, expected, moving ? 1 : 0);
    // Bounded memory: a driver's steps are kept `paceKeepMs` behind its newest (checked every minute).
    const newest = p.newest;
    if (s.toTs > newest) {
      p.newest = s.toTs;
      if (Math.floor(s.toTs / 60_000) > Math.floor(newest / 60_000)) p.dropBefore(s.toTs - this.o.paceKeepMs);
    }
  }

  /** The driver's pace (actual / learned time) over the window before `atTs`, shrunk to 1. */
  driverPace(driverId: string, atTs: number): number {
    const p = this.pace.get(driverId);
    if (!p) return 1;
    return p.pace(atTs - this.o.paceMs, atTs, this.o.paceStops, this.o.paceShrinkS);
  }

  /** Learned actual/free-flow ratio of roads of class `cls` in zone `zone`, as of `atTs`. */
  ratio(cls: number, zone: number, atTs: number, memo = true): number {
    const k2 = this.keyOf(2, cls, zone);
    const m = memo ? this.memo.get(k2) : undefined;
    if (m !== undefined) return m;
    const { shrinkS, priorRatio } = this.o;
    const sp = this.speeds;
    const r0 = sp.shrunkRatio(0, atTs, shrinkS, priorRatio);
    const r1 = sp.shrunkRatio(this.keyOf(1, cls, 0), atTs, shrinkS, r0);
    const r2 = sp.shrunkRatio(k2, atTs, shrinkS, r1);
    if (memo) this.memo.set(k2, r2);
    return r2;
  }

  /** Seconds to drive `metres` of edge e, as of `atTs`. */
  private edgeSeconds(e: number, metres: number, atTs: number): number {
    const g = this.graph;
    return (metres / (g.speedKph[e] / 3.6)) * this.ratio(g.roadClass[e], this.edgeZone[e], atTs);
  }

  /**
   * The road part of an answer with both positions snapped onto roads: part of the origin's edge
   * to a junction, the route, part of the destination's edge. Null when either is off the roads.
   */
  private alongRoads(q: EtaQuery): { seconds: number; metres: number } | null {
    const g = this.graph;
    const A = this.roads.nearest(q.from.lat, q.from.lng);
    const B = this.target(q.to).snap;
    if (!A || !B) return null;
    const eA = A.edge;
    const lenA = g.lengthM[eA];
    // Both on one street: drive along it when its direction allows.
    const tA = this.twin[eA];
    if (B.edge === eA || B.edge === tA) {
      const sB = B.edge === eA ? B.alongM : lenA - B.alongM;
      if (A.alongM <= sB) return { seconds: this.edgeSeconds(eA, sB - A.alongM, q.atTs), metres: sB - A.alongM };
      if (tA >= 0) return { seconds: this.edgeSeconds(tA, A.alongM - sB, q.atTs), metres: A.alongM - sB };
    }
    // Leave the origin's street at the end nearer the destination (one-way: its own end).
    const dist = (v: number, p: { lat: number; lng: number }) => haversineM(g.lat[v], g.lng[v], p.lat, p.lng);
    let from = g.edgeTo[eA];
    let leadS = this.edgeSeconds(eA, lenA - A.alongM, q.atTs);
    let leadM = lenA - A.alongM;
    if (tA >= 0 && A.alongM + dist(g.edgeFrom[eA], q.to) < leadM + dist(from, q.to)) {
      from = g.edgeFrom[eA];
      leadS = this.edgeSeconds(tA, A.alongM, q.atTs);
      leadM = A.alongM;
    }
    const eB = B.edge;
    const lenB = g.lengthM[eB];
    const tB = this.twin[eB];
    let to = g.edgeFrom[eB];
    let tailS = this.edgeSeconds(eB, B.alongM, q.atTs);
    let tailM = B.alongM;
    if (tB >= 0 && lenB - B.alongM + dist(g.edgeTo[eB], q.from) < tailM + dist(to, q.from)) {
      to = g.edgeTo[eB];
      tailS = this.edgeSeconds(tB, lenB - B.alongM, q.atTs);
      tailM = lenB - B.alongM;
    }
    const route = this.routeTimed(from, to, q.atTs, false);
    if (!route) return null;
    return { seconds: leadS + tailS + route.seconds + this.o.perNodeS * route.nodes, metres: leadM + route.metres + tailM };
  }

  travelMs(q: EtaQuery): number {
    const o = this.o;
    const g = this.graph;
    this.memo.clear();
    const snapped = o.snapToEdges ? this.alongRoads(q) : null;
    const straight = haversineM(q.from.lat, q.from.lng, q.to.lat, q.to.lng);
    const a = g.nearestNode(q.from.lat, q.from.lng);
    const b = this.target(q.to).node;
    const accessA = haversineM(q.from.lat, q.from.lng, g.lat[a], g.lng[a]);
    const accessB = haversineM(q.to.lat, q.to.lng, g.lat[b], g.lng[b]);
    const overall = this.ratioAll(q.atTs);
    let roadS: number;
    let metres: number;
    const route = accessA <= o.maxSnapM && accessB <= o.maxSnapM ? this.routeTimed(a, b, q.atTs, true) : null;
    if (!route || straight < accessA + accessB) {
      metres = straight * o.detour;
      roadS = (metres / (o.fallbackKph / 3.6)) * overall;
    } else {
      // From the position to its junction: a street nearby, or off the map (fast roads out).
      const leg = (m: number) => ((m * o.detour) / ((m <= o.nearSnapM ? o.accessKph : o.fallbackKph) / 3.6)) * overall;
      metres = route.metres + (accessA + accessB) * o.detour;
      roadS = route.seconds + leg(accessA) + leg(accessB) + o.perNodeS * Math.max(0, route.nodes - 2);
    }
    // Snapped onto the wrong street near a junction, the edge version can take a long way round:
    // the faster of the two is the drive a driver would make.
    if (snapped && (!route || snapped.seconds < roadS)) return this.blend(q, snapped.seconds, snapped.metres);
    return this.blend(q, roadS, metres);
  }

  /** The driver's pace blended into the road time, plus the time to pull up at the stop. */
  private blend(q: EtaQuery, roadS: number, metres: number): number {
    const o = this.o;
    let seconds = roadS;
    if (q.driverId !== undefined) {
      const w = o.driverWeight * Math.exp(-roadS / o.driverFadeS);
      seconds = roadS * (1 - w + w * this.driverPace(q.driverId, q.atTs));
    } else if (q.driverKph !== null && q.driverKph > 0) {
      const driverS = metres / (Math.max(q.driverKph, 5) / 3.6);
      const w = o.driverWeight * Math.exp(-roadS / o.driverFadeS);
      seconds = (1 - w) * roadS + w * driverS;
    }
    return Math.round((seconds + o.arriveS) * 1000);
  }

  private ratioAll(atTs: number): number {
    const [a0, f0] = this.speeds.sums(0, atTs);
    return (a0 + this.o.shrinkS * this.o.priorRatio) / (f0 + this.o.shrinkS);
  }

  private graphKey(): string {
    const g = this.graph;
    return `${g.nodeCount}:${g.edgeCount}:${g.bbox.map((x) => x.toFixed(5)).join(',')}:z${this.o.zoneResolution}`;
  }

  toJSON(): RoadEtaState {
    return {
      graph: this.graphKey(),
      speeds: this.speeds.toJSON(),
      pace: [...this.pace].map(([id, p]) => [id, Number.isFinite(p.newest) ? p.newest : null, p.toJSON()]),
    };
  }

  load(state: unknown): void {
    const s = state as RoadEtaState;
    if (s.graph !== this.graphKey()) return;
    this.speeds.load(s.speeds);
    this.pace.clear();
    for (const [id, newest, list] of s.pace) {
      this.pace.set(id, PaceSteps.fromJSON(newest ?? -Infinity, list));
    }
  }
}
