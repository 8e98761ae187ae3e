/**
 * Shortest travel-time routing on a RoadGraph: A* with landmark lower bounds (ALT) for
 * point-to-point routes, and a backward Dijkstra for "which of these is closest to there" (the
 * dispatcher's nearest idle driver). One Router owns reusable search buffers, so a query
 * allocates only its result; it is not re-entrant (one search at a time per Router).
 *
 * Travel time of an edge = free-flow seconds x the congestion factor of its road class at the
 * departure time (the `congestion` hook). Factors are read once per query, at departure: good for
 * trips within a city, where a route takes minutes and rush hour hours.
 */
import type { RoadGraph } from './graph';
import { IdHeap } from './heap';
import { buildLandmarks } from './landmarks';
import { ROAD_CLASS_COUNT, type RoadClass } from './road-class';

/**
 * Multiplier (>= 1 keeps routes exact; below 1 is allowed but slows queries) on the free-flow
 * travel time of roads of a class at time `ts` (ms since the epoch).
 */
export type CongestionFn = (roadClass: RoadClass, ts: number) => number;

export interface RouteOptions {
  /** departure time in ms since the epoch, for `congestion` (default 0) */
  departTs?: number;
  congestion?: CongestionFn;
  /** give up on routes longer than this many seconds (returns null); default no limit */
  maxSeconds?: number;
}

export interface Route {
  /** junction nodes from the origin to the destination, both included */
  nodes: Int32Array;
  /** the edges between them (nodes.length - 1 of them) */
  edges: Int32Array;
  metres: number;
  /** travel time under the query's congestion */
  seconds: number;
}

export interface RouterOptions {
  /**
   * How many landmarks to precompute for ALT bounds (default 8; 0 = plain A* with a straight-line
   * bound). Each costs two Dijkstra runs at construction and 16 bytes per node.
   */
  landmarks?: number;
}

const M_PER_DEG = 111_320;

export class Router {
  private readonly n: number;
  private readonly dist: Float64Array;
  private readonly parent: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private readonly hStamp: Uint32Array;
  private readonly hVal: Float64Array;
  private readonly heap = new IdHeap(4096);
  private search = 0;
  private readonly factor = new Float64Array(ROAD_CLASS_COUNT).fill(1);
  private minFactor = 1;
  /** travel seconds of each edge under `factor` (rebuilt only when the factors change) */
  private readonly cost: Float64Array;
  /** the reverse adjacency flattened: in-edge k of the CSR comes from revFrom[k] at revCost[k] */
  private readonly revFrom: Int32Array;
  private readonly revCost: Float64Array;
  /**
   * Landmark l's seconds from it to v: fromL[v * k + l]; from v to it: toL[v * k + l]. Node-major,
   * so the k values a bound reads for one node share a cache line or two.
   */
  private fromL: Float64Array = new Float64Array(0);
  private toL: Float64Array = new Float64Array(0);
  private landmarkCount = 0;
  private readonly lmFromT: Float64Array;
  private readonly lmToT: Float64Array;
  private lastCongestion: CongestionFn | undefined = undefined;
  private lastDepartTs = NaN;
  /** straight-line bound: seconds per metre at the fastest speed of the graph */
  private readonly secPerM: number;
  private readonly mPerDegLng: number;
  private backTarget = -1;

  constructor(
    readonly graph: RoadGraph,
    options: RouterOptions = {},
  ) {
    const n = (this.n = graph.nodeCount);
    this.dist = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.hStamp = new Uint32Array(n);
    this.hVal = new Float64Array(n);
    this.cost = Float64Array.from(graph.freeSeconds);
    this.revFrom = Int32Array.from(graph.inEdges, (e) => graph.edgeFrom[e]);
    this.revCost = Float64Array.from(graph.inEdges, (e) => graph.freeSeconds[e]);
    this.secPerM = graph.maxSpeedKph > 0 ? 3.6 / graph.maxSpeedKph : 0;
    const midLat = (graph.bbox[1] + graph.bbox[3]) / 2;
    this.mPerDegLng = M_PER_DEG * Math.cos((midLat * Math.PI) / 180);
    const k = Math.min(options.landmarks ?? 8, n);
    this.lmFromT = new Float64Array(k);
    this.lmToT = new Float64Array(k);
    if (k > 0) {
      const lm = buildLandmarks(graph, k);
      this.fromL = lm.fromL;
      this.toL = lm.toL;
      this.landmarkCount = k;
    }
  }

  /**
   * The fastest route from node `from` to node `to`, or null when there is none (or it is longer
   * than `maxSeconds`). `from === to` gives a route of one node and zero length.
   *
   * @example
   *   const r = router.route(graph.nearestNode(a.lat, a.lng), graph.nearestNode(b.lat, b.lng));
   *   if (r) eta = now + r.seconds * 1000;
   */
  route(from: number, to: number, options: RouteOptions = {}): Route | null {
    this.checkNode(from, 'from');
    this.checkNode(to, 'to');
    this.setFactors(options);
    const g = this.graph;
    const { dist, parent, stamp, done, heap } = this;
    const cur = this.nextSearch();
    const maxSec = options.maxSeconds ?? Infinity;
    this.prepareBound(to);
    heap.clear();
    stamp[from] = cur;
    dist[from] = 0;
    parent[from] = -1;
    heap.push(this.bound(from, to, cur), from);
    const { firstOut, edgeTo } = g;
    const cost = this.cost;
    let found = false;
    while (heap.size > 0) {
      if (heap.peekKey() > maxSec) break;
      const v = heap.pop();
      if (done[v] === cur) continue;
      done[v] = cur;
      if (v === to) {
        found = true;
        break;
      }
      const dv = dist[v];
      for (let e = firstOut[v], end = firstOut[v + 1]; e < end; e++) {
        const w = edgeTo[e];
        const nd = dv + cost[e];
        if (stamp[w] !== cur || nd < dist[w]) {
          stamp[w] = cur;
          dist[w] = nd;
          parent[w] = e;
          if (done[w] !== cur) heap.push(nd + this.bound(w, to, cur), w);
        }
      }
    }
    if (!found || dist[to] > maxSec) return null;
    let count = 0;
    for (let v = to; v !== from; v = g.edgeFrom[parent[v]]) count++;
    const edges = new Int32Array(count);
    const nodes = new Int32Array(count + 1);
    let metres = 0;
    nodes[count] = to;
    for (let v = to, i = count - 1; v !== from; i--) {
      const e = parent[v];
      edges[i] = e;
      metres += g.lengthM[e];
      v = g.edgeFrom[e];
      nodes[i] = v;
    }
    return { nodes, edges, metres, seconds: dist[to] };
  }

  /**
   * A lower bound on the travel time from `from` to `to` under the options' congestion, from the
   * landmarks and the straight line: no search, a few dozen array reads. Useful to rank candidates
   * before routing the promising ones.
   */
  lowerBound(from: number, to: number, options: RouteOptions = {}): number {
    this.checkNode(from, 'from');
    this.checkNode(to, 'to');
    this.setFactors(options);
    const g = this.graph;
    const dy = (g.lat[from] - g.lat[to]) * M_PER_DEG;
    const dx = (g.lng[from] - g.lng[to]) * this.mPerDegLng;
    let h = Math.sqrt(dx * dx + dy * dy) * 0.995 * this.secPerM;
    const k = this.landmarkCount;
    for (let l = 0; l < k; l++) {
      const a = this.toL[from * k + l] - this.toL[to * k + l];
      const b = this.fromL[to * k + l] - this.fromL[from * k + l];
      if (a > h) h = a;
      if (b > h) h = b;
    }
    return h * this.minFactor;
  }

  /**
   * Backward Dijkstra from `target`: calls `visit(node, seconds)` for nodes in increasing travel
   * time from that node TO the target, until `visit` returns true or `maxSeconds` is passed.
   * Returns the node where `visit` returned true, or -1. Afterwards `pathToTarget(node)` gives the
   * route from any visited node to the target (until the next searchToward on this router).
   *
   * @example nearest idle driver
   *   const hit = router.searchToward(pickupNode, (v) => idleAt[v] > 0, { maxSeconds: 900 });
   */
  searchToward(
    target: number,
    visit: (node: number, seconds: number) => boolean,
    options: RouteOptions = {},
  ): number {
    this.checkNode(target, 'target');
    this.setFactors(options);
    const g = this.graph;
    // Its own buffers, so a route() inside `visit` does not corrupt this search.
    const st = this.backState();
    const cur = ++st.search;
    const { dist, parent, stamp, done, heap } = st;
    const maxSec = options.maxSeconds ?? Infinity;
    heap.clear();
    stamp[target] = cur;
    dist[target] = 0;
    parent[target] = -1;
    heap.push(0, target);
    this.backTarget = target;
    const { firstIn } = g;
    const { revFrom, revCost } = this;
    while (heap.size > 0) {
      if (heap.peekKey() > maxSec) break;
      const v = heap.pop();
      if (done[v] === cur) continue;
      done[v] = cur;
      const dv = dist[v];
      if (visit(v, dv)) return v;
      for (let k = firstIn[v], end = firstIn[v + 1]; k < end; k++) {
        const u = revFrom[k];
        const nd = dv + revCost[k];
        if (stamp[u] !== cur || nd < dist[u]) {
          stamp[u] = cur;
          dist[u] = nd;
          parent[u] = g.inEdges[k];
          if (done[u] !== cur) heap.push(nd, u);
        }
      }
    }
    return -1;
  }

  /** The route from `node` to the target of the last searchToward, or null if it was not reached. */
  pathToTarget(node: number): Route | null {
    const st = this.back;
    if (!st || this.backTarget < 0 || st.stamp[node] !== st.search || st.done[node] !== st.search) {
      return null;
    }
    const g = this.graph;
    let count = 0;
    for (let v = node; v !== this.backTarget; v = g.edgeTo[st.parent[v]]) count++;
    const edges = new Int32Array(count);
    const nodes = new Int32Array(count + 1);
    let metres = 0;
    nodes[0] = node;
    for (let v = node, i = 0; i < count; i++) {
      const e = st.parent[v];
      edges[i] = e;
      metres += g.lengthM[e];
      v = g.edgeTo[e];
      nodes[i + 1] = v;
    }
    return { nodes, edges, metres, seconds: st.dist[node] };
  }

  /**
   * The first edge of the fastest route from `node` to the target of the last searchToward: -1 at
   * the target itself or for a node the search did not settle. Reading it for every settled node
   * gives a whole shortest-path tree without building each route.
   */
  nextEdgeToward(node: number): number {
    const st = this.back;
    if (!st || st.done[node] !== st.search || node === this.backTarget) return -1;
    return st.parent[node];
  }

  private back: SearchState | null = null;

  private backState(): SearchState {
    this.back ??= new SearchState(this.n);
    return this.back;
  }

  private checkNode(v: number, name: string): void {
    if (!Number.isInteger(v) || v < 0 || v >= this.n) {
      throw new RangeError(`${name}: must be a node id from 0 to ${this.n - 1}, got ${v}`);
    }
  }

  private nextSearch(): number {
    if (++this.search === 0xffffffff) {
      this.stamp.fill(0);
      this.done.fill(0);
      this.hStamp.fill(0);
      this.search = 1;
    }
    return this.search;
  }

  private setFactors(o: RouteOptions): void {
    const departTs = o.departTs ?? 0;
    if (o.congestion === this.lastCongestion && departTs === this.lastDepartTs) return;
    this.lastCongestion = o.congestion;
    this.lastDepartTs = departTs;
    const f = this.factor;
    let min = 1;
    let changed = false;
    for (let c = 0; c < ROAD_CLASS_COUNT; c++) {
      const x = o.congestion ? o.congestion(c, departTs) : 1;
      if (!(x > 0) || !Number.isFinite(x)) {
        throw new RangeError(`congestion: must return a positive finite factor, got ${x} for class ${c}`);
      }
      if (f[c] !== x) {
        f[c] = x;
        changed = true;
      }
      if (x < min) min = x;
    }
    this.minFactor = min;
    if (!changed) return;
    // Congestion changes by the minute at most, so this runs rarely next to the searches.
    const g = this.graph;
    for (let e = 0; e < g.edgeCount; e++) this.cost[e] = g.freeSeconds[e] * f[g.roadClass[e]];
    for (let k = 0; k < g.edgeCount; k++) this.revCost[k] = this.cost[g.inEdges[k]];
  }

  /** Reads the target's landmark distances once per query. */
  private prepareBound(to: number): void {
    const k = this.landmarkCount;
    for (let l = 0; l < k; l++) {
      this.lmFromT[l] = this.fromL[to * k + l];
      this.lmToT[l] = this.toL[to * k + l];
    }
  }

  /** A lower bound on the seconds from v to `to` under the current factors; cached per search. */
  private bound(v: number, to: number, cur: number): number {
    if (this.hStamp[v] === cur) return this.hVal[v];
    const g = this.graph;
    const dy = (g.lat[v] - g.lat[to]) * M_PER_DEG;
    const dx = (g.lng[v] - g.lng[to]) * this.mPerDegLng;
    // 0.995: the flat-earth distance may exceed the haversine edge lengths by a hair.
    let h = Math.sqrt(dx * dx + dy * dy) * 0.995 * this.secPerM;
    const k = this.landmarkCount;
    const base = v * k;
    const { fromL, toL, lmFromT, lmToT } = this;
    for (let l = 0; l < k; l++) {
      // Triangle inequality both ways: d(v,t) >= d(v,L) - d(t,L) and d(L,t) - d(L,v).
      const a = toL[base + l] - lmToT[l];
      const b = lmFromT[l] - fromL[base + l];
      if (a > h) h = a;
      if (b > h) h = b;
    }
    h *= this.minFactor;
    this.hStamp[v] = cur;
    this.hVal[v] = h;
    return h;
  }
}

class SearchState {
  readonly dist: Float64Array;
  readonly parent: Int32Array;
  readonly stamp: Uint32Array;
  readonly done: Uint32Array;
  readonly heap = new IdHeap(4096);
  search = 0;
  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }
}
