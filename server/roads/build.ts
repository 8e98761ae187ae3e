/**
 * Turns ways (polylines of shared points, each with a class, speed and direction) into a compact
 * RoadGraph:
 *  1. points used by more than one way position, and every way's ends, become junction nodes;
 *  2. each way is cut at its junctions into edges that keep the points in between as geometry;
 *  3. junctions that only join two ways end to end (same class, speed and direction) are merged
 *     away, so the router only sees real junctions;
 *  4. only the largest strongly connected component is kept (every node can reach every other),
 *     or the largest weakly connected one when asked.
 */
import { haversineM } from '../../lib/geo';
import { RoadGraph } from './graph';
import type { Oneway, RoadClass } from './road-class';
import { largestComponent, stronglyConnected, weaklyConnected } from './scc';

export interface WaySpec {
  /** point ids from GraphBuilder.addPoint, in the way's drawing order */
  points: ArrayLike<number>;
  roadClass: RoadClass;
  speedKph: number;
  oneway: Oneway;
}

export interface BuildOptions {
  /**
   * Which part of the network to keep: `strong` (default) the largest strongly connected component,
   * so a route exists between any two nodes; `weak` the largest component ignoring direction (some
   * routes then do not exist); `all` everything.
   */
  component?: 'strong' | 'weak' | 'all';
}

/** Edges under construction: parallel arrays, `shape` holds point ids. */
interface Draft {
  from: number[];
  to: number[];
  cls: number[];
  kph: number[];
  shapeStart: number[];
  shapeEnd: number[];
  alive: boolean[];
}

export class GraphBuilder {
  private readonly lat: number[] = [];
  private readonly lng: number[] = [];
  private readonly ways: WaySpec[] = [];

  /** Adds a point and returns its id. */
  addPoint(lat: number, lng: number): number {
    this.lat.push(lat);
    this.lng.push(lng);
    return this.lat.length - 1;
  }

  get pointCount(): number {
    return this.lat.length;
  }

  addWay(way: WaySpec): void {
    if (way.points.length >= 2 && way.speedKph > 0) this.ways.push(way);
  }

  build(options: BuildOptions = {}): RoadGraph {
    const np = this.lat.length;
    const junction = this.findJunctions(np);
    const shape: number[] = [];
    const d: Draft = { from: [], to: [], cls: [], kph: [], shapeStart: [], shapeEnd: [], alive: [] };
    for (const way of this.ways) this.cutWay(way, junction, shape, d);
    mergePassThrough(np, junction, shape, d);
    return this.assemble(np, junction, shape, d, options.component ?? 'strong');
  }

  private findJunctions(np: number): Uint8Array {
    const uses = new Uint8Array(np);
    const junction = new Uint8Array(np);
    for (const way of this.ways) {
      const p = way.points;
      junction[p[0]] = 1;
      junction[p[p.length - 1]] = 1;
      for (let i = 0; i < p.length; i++) {
        if (uses[p[i]] < 2) uses[p[i]]++;
        // The same point twice in a row is one point, not a self-crossing.
        if (i > 0 && p[i] === p[i - 1]) uses[p[i]]--;
      }
    }
    for (let i = 0; i < np; i++) if (uses[i] >= 2) junction[i] = 1;
    return junction;
  }

  private cutWay(way: WaySpec, junction: Uint8Array, shape: number[], d: Draft): void {
    const p = way.points;
    let start = shape.length;
    shape.push(p[0]);
    for (let i = 1; i < p.length; i++) {
      if (p[i] === p[i - 1]) continue;
      shape.push(p[i]);
      if (!junction[p[i]]) continue;
      const end = shape.length;
      const a = shape[start];
      const b = p[i];
      if (a !== b) {
        if (way.oneway >= 0) addDraft(d, a, b, way, start, end);
        if (way.oneway <= 0) {
          const rs = shape.length;
          for (let k = end - 1; k >= start; k--) shape.push(shape[k]);
          addDraft(d, b, a, way, rs, shape.length);
        }
      }
      start = shape.length;
      shape.push(p[i]);
    }
  }

  private assemble(
    np: number,
    junction: Uint8Array,
    shape: number[],
    d: Draft,
    component: 'strong' | 'weak' | 'all',
  ): RoadGraph {
    // Dense ids for junctions, then the component to keep.
    const dense = new Int32Array(np).fill(-1);
    let n = 0;
    for (let i = 0; i < np; i++) if (junction[i]) dense[i] = n++;
    const alive: number[] = [];
    for (let e = 0; e < d.from.length; e++) if (d.alive[e]) alive.push(e);
    const keepNode = new Uint8Array(n).fill(1);
    if (component !== 'all' && n > 0) {
      const ef = Int32Array.from(alive, (e) => dense[d.from[e]]);
      const et = Int32Array.from(alive, (e) => dense[d.to[e]]);
      let comp: Int32Array;
      if (component === 'weak') comp = weaklyConnected(n, ef, et);
      else {
        const { firstOut, edgeTo } = csr(n, ef, et);
        comp = stronglyConnected(n, firstOut, edgeTo);
      }
      const keep = largestComponent(comp);
      for (let v = 0; v < n; v++) keepNode[v] = comp[v] === keep ? 1 : 0;
    }
    // Final node ids, in point order.
    const finalId = new Int32Array(n).fill(-1);
    let nodes = 0;
    for (let v = 0; v < n; v++) if (keepNode[v]) finalId[v] = nodes++;
    const lat = new Float64Array(nodes);
    const lng = new Float64Array(nodes);
    for (let i = 0; i < np; i++) {
      const v = dense[i];
      if (v >= 0 && finalId[v] >= 0) {
        lat[finalId[v]] = this.lat[i];
        lng[finalId[v]] = this.lng[i];
      }
    }
    const kept = alive.filter((e) => finalId[dense[d.from[e]]] >= 0 && finalId[dense[d.to[e]]] >= 0);
    // Edges sorted by source node; stable, so equal sources keep their construction order.
    const from = (e: number) => finalId[dense[d.from[e]]];
    kept.sort((a, b) => from(a) - from(b) || a - b);
    const m = kept.length;
    const firstOut = new Int32Array(nodes + 1);
    const edgeFrom = new Int32Array(m);
    const edgeTo = new Int32Array(m);
    const lengthM = new Float64Array(m);
    const speedKph = new Float64Array(m);
    const roadClass = new Uint8Array(m);
    const geomStart = new Int32Array(m + 1);
    let points = 0;
    for (const e of kept) points += d.shapeEnd[e] - d.shapeStart[e];
    const geomLat = new Float64Array(points);
    const geomLng = new Float64Array(points);
    const geomCumM = new Float64Array(points);
    let g = 0;
    for (let k = 0; k < m; k++) {
      const e = kept[k];
      edgeFrom[k] = from(e);
      edgeTo[k] = finalId[dense[d.to[e]]];
      firstOut[edgeFrom[k] + 1]++;
      speedKph[k] = d.kph[e];
      roadClass[k] = d.cls[e];
      geomStart[k] = g;
      let cum = 0;
      for (let s = d.shapeStart[e]; s < d.shapeEnd[e]; s++, g++) {
        const pt = shape[s];
        geomLat[g] = this.lat[pt];
        geomLng[g] = this.lng[pt];
        if (s > d.shapeStart[e]) cum += haversineM(geomLat[g - 1], geomLng[g - 1], geomLat[g], geomLng[g]);
        geomCumM[g] = cum;
      }
      lengthM[k] = cum;
    }
    geomStart[m] = g;
    for (let v = 0; v < nodes; v++) firstOut[v + 1] += firstOut[v];
    return new RoadGraph({
      lat,
      lng,
      firstOut,
      edgeFrom,
      edgeTo,
      lengthM,
      speedKph,
      roadClass,
      geomStart,
      geomLat,
      geomLng,
      geomCumM,
    });
  }
}

function addDraft(d: Draft, a: number, b: number, way: WaySpec, s: number, e: number): number {
  d.from.push(a);
  d.to.push(b);
  d.cls.push(way.roadClass);
  d.kph.push(way.speedKph);
  d.shapeStart.push(s);
  d.shapeEnd.push(e);
  d.alive.push(true);
  return d.from.length - 1;
}

/** CSR adjacency from an edge list. */
function csr(n: number, ef: Int32Array, et: Int32Array): { firstOut: Int32Array; edgeTo: Int32Array } {
  const firstOut = new Int32Array(n + 1);
  for (let i = 0; i < ef.length; i++) firstOut[ef[i] + 1]++;
  for (let v = 0; v < n; v++) firstOut[v + 1] += firstOut[v];
  const fill = firstOut.slice(0, n);
  const edgeTo = new Int32Array(ef.length);
  for (let i = 0; i < ef.length; i++) edgeTo[fill[ef[i]]++] = et[i];
  return { firstOut, edgeTo };
}

/** Concatenates the shapes of a then b (b starts where a ends) into a new draft edge. */
function join(d: Draft, shape: number[], a: number, b: number): number {
  const s = shape.length;
  for (let k = d.shapeStart[a]; k < d.shapeEnd[a]; k++) shape.push(shape[k]);
  for (let k = d.shapeStart[b] + 1; k < d.shapeEnd[b]; k++) shape.push(shape[k]);
  d.alive[a] = false;
  d.alive[b] = false;
  d.from.push(d.from[a]);
  d.to.push(d.to[b]);
  d.cls.push(d.cls[a]);
  d.kph.push(d.kph[a]);
  d.shapeStart.push(s);
  d.shapeEnd.push(shape.length);
  d.alive.push(true);
  return d.from.length - 1;
}

function same(d: Draft, a: number, b: number): boolean {
  return d.cls[a] === d.cls[b] && d.kph[a] === d.kph[b];
}

function replace(list: number[], old: number, now: number): void {
  list[list.indexOf(old)] = now;
}

/**
 * Removes junctions that are only the meeting point of two ways drawn end to end: a one-way
 * pass-through (one edge in, one out) or a two-way one (in and out to the same two neighbours).
 */
function mergePassThrough(np: number, junction: Uint8Array, shape: number[], d: Draft): void {
  const outs = new Map<number, number[]>();
  const ins = new Map<number, number[]>();
  const list = (m: Map<number, number[]>, k: number) => {
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    return l;
  };
  for (let e = 0; e < d.from.length; e++) {
    list(outs, d.from[e]).push(e);
    list(ins, d.to[e]).push(e);
  }
  for (let v = 0; v < np; v++) {
    if (!junction[v]) continue;
    const o = outs.get(v) ?? [];
    const i = ins.get(v) ?? [];
    if (o.length === 1 && i.length === 1) {
      const ein = i[0];
      const eout = o[0];
      const u = d.from[ein];
      const w = d.to[eout];
      if (u === w || u === v || w === v || !same(d, ein, eout)) continue;
      const e = join(d, shape, ein, eout);
      replace(outs.get(u)!, ein, e);
      replace(ins.get(w)!, eout, e);
    } else if (o.length === 2 && i.length === 2) {
      const a = d.to[o[0]];
      const b = d.to[o[1]];
      if (a === b || a === v || b === v) continue;
      const inA = d.from[i[0]] === a ? i[0] : d.from[i[1]] === a ? i[1] : -1;
      const inB = d.from[i[0]] === b ? i[0] : d.from[i[1]] === b ? i[1] : -1;
      if (inA < 0 || inB < 0 || inA === inB) continue;
      const outA = o[0];
      const outB = o[1];
      if (!same(d, inA, outB) || !same(d, inB, outA)) continue;
      const ab = join(d, shape, inA, outB);
      const ba = join(d, shape, inB, outA);
      replace(outs.get(a)!, inA, ab);
      replace(ins.get(b)!, outB, ab);
      replace(outs.get(b)!, inB, ba);
      replace(ins.get(a)!, outA, ba);
    } else continue;
    junction[v] = 0;
    outs.delete(v);
    ins.delete(v);
  }
}
