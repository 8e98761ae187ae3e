/**
 * Nearest road to a point: a uniform grid over the pieces of every edge's shape (segment between
 * two consecutive shape points), stored CSR-style in typed arrays. A query looks at the 3 × 3 cells
 * around the point, so any road within one cell side is found, however long its straight pieces
 * (a nearest-shape-point search misses the middle of a long straight street).
 */
import type { RoadGraph } from './graph';

const M_PER_DEG_LAT = 111_320;

export interface RoadSnap {
  edge: number;
  /** metres from the point to the road */
  distM: number;
  /** metres along the edge from its source to the nearest point */
  alongM: number;
}

export class SegmentGrid {
  private readonly cellStart: Int32Array;
  /** shape point index k of each segment (k to k + 1), by cell */
  private readonly segs: Int32Array;
  private readonly edgeOfPoint: Int32Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly south: number;
  private readonly west: number;
  private readonly mPerDegLng: number;
  /** the query in progress (one at a time: nothing here awaits), reused so a query makes no garbage */
  private readonly query = { lat: 0, lng: 0, best: -1, bestD: 0, bestT: 0 };

  constructor(
    private readonly g: RoadGraph,
    private readonly cellM = 100,
  ) {
    const [w, s, e, n] = g.bbox;
    this.south = s;
    this.west = w;
    this.mPerDegLng = M_PER_DEG_LAT * Math.cos((((s + n) / 2) * Math.PI) / 180);
    this.nx = Math.max(1, Math.ceil(((e - w) * this.mPerDegLng) / cellM) + 1);
    this.ny = Math.max(1, Math.ceil(((n - s) * M_PER_DEG_LAT) / cellM) + 1);
    this.edgeOfPoint = new Int32Array(g.geomLat.length);
    const counts = new Int32Array(this.nx * this.ny + 1);
    const visit = (fn: (cell: number, k: number) => void) => {
      for (let edge = 0; edge < g.edgeCount; edge++) {
        for (let k = g.geomStart[edge]; k < g.geomStart[edge + 1] - 1; k++) {
          const x0 = this.cx(Math.min(g.geomLng[k], g.geomLng[k + 1]));
          const x1 = this.cx(Math.max(g.geomLng[k], g.geomLng[k + 1]));
          const y0 = this.cy(Math.min(g.geomLat[k], g.geomLat[k + 1]));
          const y1 = this.cy(Math.max(g.geomLat[k], g.geomLat[k + 1]));
          for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) fn(y * this.nx + x, k);
        }
      }
    };
    for (let edge = 0; edge < g.edgeCount; edge++) {
      for (let k = g.geomStart[edge]; k < g.geomStart[edge + 1]; k++) this.edgeOfPoint[k] = edge;
    }
    visit((c) => counts[c + 1]++);
    for (let c = 0; c < this.nx * this.ny; c++) counts[c + 1] += counts[c];
    const fill = counts.slice(0, this.nx * this.ny);
    this.segs = new Int32Array(counts[this.nx * this.ny]);
    visit((c, k) => (this.segs[fill[c]++] = k));
    this.cellStart = counts;
  }

  private cx(lng: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor(((lng - this.west) * this.mPerDegLng) / this.cellM)));
  }

  private cy(lat: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor(((lat - this.south) * M_PER_DEG_LAT) / this.cellM)));
  }

  /**
   * The road nearest to (lat, lng) within `maxM` metres (at most one cell side; null when none is
   * that close). Ties go to the lowest edge id, so the answer is deterministic.
   */
  nearest(lat: number, lng: number, maxM = this.cellM): RoadSnap | null {
    const best = this.search(lat, lng, maxM);
    if (best < 0) return null;
    const q = this.query;
    const cum = this.g.geomCumM;
    return { edge: this.edgeOfPoint[best], distM: Math.sqrt(q.bestD), alongM: cum[best] + q.bestT * (cum[best + 1] - cum[best]) };
  }

  /** The edge `nearest` would answer with, or -1: for a hot path that needs no more (no object made). */
  nearestEdge(lat: number, lng: number, maxM = this.cellM): number {
    const best = this.search(lat, lng, maxM);
    return best < 0 ? -1 : this.edgeOfPoint[best];
  }

  /** The nearest piece (its shape point index k), or -1; its distance and place are left in `query`. */
  private search(lat: number, lng: number, maxM: number): number {
    const qx = Math.floor(((lng - this.west) * this.mPerDegLng) / this.cellM);
    const qy = Math.floor(((lat - this.south) * M_PER_DEG_LAT) / this.cellM);
    const q = this.query;
    q.lat = lat;
    q.lng = lng;
    q.best = -1;
    // Squared: anything farther than maxM is no answer, so it need not be found.
    q.bestD = Math.min(maxM, this.cellM) ** 2;
    q.bestT = 0;
    // The point's own cell first: the nearest piece in it bounds the answer, and a neighbouring
    // cell wholly farther than the best so far holds only farther pieces and is skipped (0.01 m
    // of margin for rounding, so what is skipped could not even tie): the same road at the same
    // point as a full scan of the 3 × 3 cells.
    const inside = qx >= 0 && qx < this.nx && qy >= 0 && qy < this.ny;
    if (inside) this.scanCell(qy * this.nx + qx);
    const px = (lng - this.west) * this.mPerDegLng;
    const py = (lat - this.south) * M_PER_DEG_LAT;
    for (let y = qy - 1; y <= qy + 1; y++) {
      if (y < 0 || y >= this.ny) continue;
      const dy = Math.max(0, y * this.cellM - py, py - (y + 1) * this.cellM);
      for (let x = qx - 1; x <= qx + 1; x++) {
        if (x < 0 || x >= this.nx || (inside && x === qx && y === qy)) continue;
        const dx = Math.max(0, x * this.cellM - px, px - (x + 1) * this.cellM);
        const reach = Math.sqrt(q.bestD) + 0.01;
        if (dx * dx + dy * dy > reach * reach) continue;
        this.scanCell(y * this.nx + x);
      }
    }
    return q.best;
  }

  /** Offers every piece listed in cell c to the query in progress. */
  private scanCell(c: number): void {
    const g = this.g;
    const q = this.query;
    const { lat, lng } = q;
    const kx = this.mPerDegLng;
    for (let i = this.cellStart[c]; i < this.cellStart[c + 1]; i++) {
      const k = this.segs[i];
      // Flat metres around the query point: plenty for pieces of a street.
      const ax = (g.geomLng[k] - lng) * kx;
      const ay = (g.geomLat[k] - lat) * M_PER_DEG_LAT;
      const dx = (g.geomLng[k + 1] - lng) * kx - ax;
      const dy = (g.geomLat[k + 1] - lat) * M_PER_DEG_LAT - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
      const x = ax + t * dx;
      const y = ay + t * dy;
      const d = x * x + y * y;
      if (d < q.bestD || (d === q.bestD && (q.best < 0 || this.edgeOfPoint[k] < this.edgeOfPoint[q.best]))) {
        q.bestD = d;
        q.best = k;
        q.bestT = t;
      }
    }
  }
}
