/**
 * How a vehicle moves: a Plan is a sequence of edges with the time it enters each one, computed
 * once when the trip starts (congestion at the time each edge is entered, the driver's own pace,
 * a little random delay). Positions in between are interpolated along the edges' shapes, so a
 * vehicle is always on the road and never faster than the road's free-flow speed.
 */
import type { RoadGraph } from '../roads/graph';

/** A true position (the ground truth behind a GPS fix). */
export interface TruePosition {
  lat: number;
  lng: number;
  /** degrees clockwise from north */
  heading: number;
  /** true speed, km/h (0 when parked) */
  speedKph: number;
  /** the edge being driven, -1 when parked at a node */
  edge: number;
  /** metres driven along the road since the driver's day began */
  odoM: number;
}

export class Plan {
  /** enter[k] = time (ms) the vehicle enters edges[k]; enter[edges.length] = arrival */
  readonly enter: Float64Array;
  /** metres from the plan's start to the start of edges[k] */
  readonly cumM: Float64Array;
  private idx = 0;
  private hint = -1;
  private readonly scratch = [0, 0, 0];

  private constructor(
    readonly edges: Int32Array,
    readonly startOdo: number,
    readonly origin: number,
    readonly destination: number,
  ) {
    this.enter = new Float64Array(edges.length + 1);
    this.cumM = new Float64Array(edges.length + 1);
  }

  /**
   * A plan over `edges` starting at `startTs`; `seconds(e, enterTs)` gives each edge's travel time
   * and must be at least the edge's free-flow time. With `keep`, the first edge is the one the
   * vehicle is on already, with its original entry and exit times (a change of plan mid-edge).
   */
  static build(
    graph: RoadGraph,
    edges: ArrayLike<number>,
    startTs: number,
    startOdo: number,
    origin: number,
    seconds: (edge: number, enterTs: number) => number,
    keep?: { edge: number; enter: number; exit: number },
  ): Plan {
    const n = edges.length + (keep ? 1 : 0);
    const all = new Int32Array(n);
    let k = 0;
    if (keep) all[k++] = keep.edge;
    for (let i = 0; i < edges.length; i++) all[k++] = edges[i];
    const dest = n > 0 ? graph.edgeTo[all[n - 1]] : origin;
    const from = keep ? graph.edgeFrom[keep.edge] : origin;
    const p = new Plan(all, startOdo, from, dest);
    let t = keep ? keep.enter : startTs;
    let m = 0;
    for (let i = 0; i < n; i++) {
      p.enter[i] = t;
      p.cumM[i] = m;
      const e = all[i];
      t = keep && i === 0 ? keep.exit : t + seconds(e, t) * 1000;
      m += graph.lengthM[e];
    }
    p.enter[n] = t;
    p.cumM[n] = m;
    return p;
  }

  get startTs(): number {
    return this.enter[0];
  }

  get arrival(): number {
    return this.enter[this.edges.length];
  }

  get metres(): number {
    return this.cumM[this.edges.length];
  }

  /** Index of the edge being driven at `t` (edges.length once arrived). Times must not go back. */
  private seek(t: number): number {
    const n = this.edges.length;
    while (this.idx < n && this.enter[this.idx + 1] <= t) {
      this.idx++;
      this.hint = -1;
    }
    return this.idx;
  }

  /**
   * The edge being driven at `t` with its entry and exit times and the odometer at its start, or
   * null once arrived.
   */
  current(t: number): { edge: number; enter: number; exit: number; odo: number } | null {
    const i = this.seek(t);
    if (i >= this.edges.length || t < this.enter[0]) return null;
    return { edge: this.edges[i], enter: this.enter[i], exit: this.enter[i + 1], odo: this.startOdo + this.cumM[i] };
  }

  /** The odometer on arrival. */
  get endOdo(): number {
    return this.startOdo + this.metres;
  }

  /** Writes the true position at time `t` (>= any earlier query on this plan) into `out`. */
  locate(graph: RoadGraph, t: number, out: TruePosition): void {
    const i = this.seek(t);
    if (i >= this.edges.length || t < this.enter[0]) {
      const v = i >= this.edges.length ? this.destination : this.origin;
      out.lat = graph.lat[v];
      out.lng = graph.lng[v];
      out.speedKph = 0;
      out.edge = -1;
      out.odoM = this.startOdo + (i >= this.edges.length ? this.metres : 0);
      return;
    }
    const e = this.edges[i];
    const t0 = this.enter[i];
    const dt = this.enter[i + 1] - t0;
    const len = graph.lengthM[e];
    const along = dt > 0 ? (len * (t - t0)) / dt : 0;
    const s = this.scratch;
    this.hint = graph.pointAlongInto(e, along, s, this.hint);
    out.lat = s[0];
    out.lng = s[1];
    out.heading = s[2];
    out.speedKph = dt > 0 ? (len / dt) * 3600 : 0;
    out.edge = e;
    out.odoM = this.startOdo + this.cumM[i] + along;
  }
}
