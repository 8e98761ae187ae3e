/**
 * A directed road graph in compact form: typed arrays only, adjacency in CSR (compressed sparse
 * row) order both ways. Nodes are junctions and dead ends; an edge is the road between two of them,
 * with its full shape (the OSM nodes in between) kept as geometry, so a vehicle moving along an
 * edge stays on the road while routing only touches junctions.
 *
 * Build one with `loadOsmGeoJson` or `generateCity` (both go through `GraphBuilder`).
 */
import { PointGrid } from './grid-index';
import type { RoadClass } from './road-class';

/** The arrays a RoadGraph is made of; edges sorted by source node. */
export interface RoadGraphData {
  lat: Float64Array;
  lng: Float64Array;
  /** out-edges of node v are edge ids firstOut[v] .. firstOut[v+1]-1 */
  firstOut: Int32Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  lengthM: Float64Array;
  speedKph: Float64Array;
  roadClass: Uint8Array;
  /** edge e's shape is points geomStart[e] .. geomStart[e+1]-1, from its source to its target */
  geomStart: Int32Array;
  geomLat: Float64Array;
  geomLng: Float64Array;
  /** metres from the edge's source to each shape point */
  geomCumM: Float64Array;
}

export class RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly firstOut: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly lengthM: Float64Array;
  readonly speedKph: Float64Array;
  readonly roadClass: Uint8Array;
  /** free-flow travel time of each edge, seconds */
  readonly freeSeconds: Float64Array;
  /** in-edges of node v are inEdges[firstIn[v] .. firstIn[v+1]-1] (edge ids) */
  readonly firstIn: Int32Array;
  readonly inEdges: Int32Array;
  readonly geomStart: Int32Array;
  readonly geomLat: Float64Array;
  readonly geomLng: Float64Array;
  readonly geomCumM: Float64Array;
  /** the fastest free-flow speed of any edge, km/h (bounds what routing heuristics may assume) */
  readonly maxSpeedKph: number;
  /** [west, south, east, north] of the nodes */
  readonly bbox: [number, number, number, number];
  private grid: PointGrid | null = null;

  constructor(d: RoadGraphData) {
    this.nodeCount = d.lat.length;
    this.edgeCount = d.edgeTo.length;
    this.lat = d.lat;
    this.lng = d.lng;
    this.firstOut = d.firstOut;
    this.edgeFrom = d.edgeFrom;
    this.edgeTo = d.edgeTo;
    this.lengthM = d.lengthM;
    this.speedKph = d.speedKph;
    this.roadClass = d.roadClass;
    this.geomStart = d.geomStart;
    this.geomLat = d.geomLat;
    this.geomLng = d.geomLng;
    this.geomCumM = d.geomCumM;

    const m = this.edgeCount;
    const n = this.nodeCount;
    this.freeSeconds = new Float64Array(m);
    let maxKph = 0;
    for (let e = 0; e < m; e++) {
      this.freeSeconds[e] = this.lengthM[e] / (this.speedKph[e] / 3.6);
      if (this.speedKph[e] > maxKph) maxKph = this.speedKph[e];
    }
    this.maxSpeedKph = maxKph;

    // Reverse CSR: in-edges grouped by target, in edge-id order within a node (deterministic).
    const firstIn = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) firstIn[this.edgeTo[e] + 1]++;
    for (let v = 0; v < n; v++) firstIn[v + 1] += firstIn[v];
    const fill = firstIn.slice(0, n);
    const inEdges = new Int32Array(m);
    for (let e = 0; e < m; e++) inEdges[fill[this.edgeTo[e]]++] = e;
    this.firstIn = firstIn;
    this.inEdges = inEdges;

    let w = Infinity;
    let s = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (let v = 0; v < n; v++) {
      if (this.lng[v] < w) w = this.lng[v];
      if (this.lng[v] > east) east = this.lng[v];
      if (this.lat[v] < s) s = this.lat[v];
      if (this.lat[v] > north) north = this.lat[v];
    }
    this.bbox = n ? [w, s, east, north] : [0, 0, 0, 0];
  }

  /** The road class of edge e (an index into ROAD_CLASS_NAMES). */
  classOf(e: number): RoadClass {
    return this.roadClass[e];
  }

  /** The node nearest to (lat, lng) by straight-line distance, or -1 for an empty graph. */
  nearestNode(lat: number, lng: number): number {
    this.grid ??= new PointGrid(this.lat, this.lng, 150);
    return this.grid.nearest(lat, lng);
  }

  /** The edge from `from` to `to` with the least free-flow time, or -1 when there is none. */
  edgeBetween(from: number, to: number): number {
    let best = -1;
    for (let e = this.firstOut[from]; e < this.firstOut[from + 1]; e++) {
      if (this.edgeTo[e] === to && (best < 0 || this.freeSeconds[e] < this.freeSeconds[best])) {
        best = e;
      }
    }
    return best;
  }

  /** The point `metres` along edge e (clamped to the edge), as [lat, lng, heading of that piece]. */
  pointAlong(e: number, metres: number): [number, number, number] {
    const out: [number, number, number] = [0, 0, 0];
    this.pointAlongInto(e, metres, out, this.geomStart[e]);
    return out;
  }

  /**
   * Allocation-free `pointAlong`: writes [lat, lng, bearing] into `out` and returns the index of the
   * shape point that starts the piece, which a caller moving forward passes back as `hint`.
   */
  pointAlongInto(e: number, metres: number, out: number[], hint: number): number {
    const start = this.geomStart[e];
    const last = this.geomStart[e + 1] - 1;
    const cum = this.geomCumM;
    let k = hint >= start && hint < last && cum[hint] <= metres ? hint : start;
    while (k < last - 1 && cum[k + 1] <= metres) k++;
    const seg = cum[k + 1] - cum[k];
    const f = seg > 0 ? Math.min(1, Math.max(0, (metres - cum[k]) / seg)) : 0;
    const la = this.geomLat[k];
    const lo = this.geomLng[k];
    const lb = this.geomLat[k + 1];
    const lob = this.geomLng[k + 1];
    out[0] = la + (lb - la) * f;
    out[1] = lo + (lob - lo) * f;
    out[2] = bearing(la, lo, lb, lob);
    return k;
  }
}

const RAD = Math.PI / 180;

/** Bearing of a short piece in degrees [0, 360), flat-earth (good to a fraction of a degree here). */
function bearing(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dy = lat2 - lat1;
  const dx = (lng2 - lng1) * Math.cos(lat1 * RAD);
  if (dx === 0 && dy === 0) return 0;
  const deg = Math.atan2(dx, dy) / RAD;
  return deg < 0 ? deg + 360 : deg;
}
