import { cellToBoundary, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { haversineM } from '../../lib/geo';

const M_PER_DEG = 111_320;
/** Planar approximation error over a cell is millimetres; a metre of margin keeps answers exact. */
const EDGE_MARGIN_M = 1;

interface CellGeometry {
  cell: string;
  lat: number;
  lng: number;
  /** metres per degree of longitude at the centre */
  kx: number;
  radiusM: number;
  /** each edge as a unit inner normal (nx, ny) and offset c: inside when nx*x + ny*y + c >= 0 */
  nx: number[];
  ny: number[];
  c: number[];
  hexagon: boolean;
  /** geometry of the six cells around, once asked for */
  neighbours?: CellGeometry[];
}

function insideShrunk(g: CellGeometry, lat: number, lng: number): boolean {
  if (!g.hexagon) return false;
  const x = (lng - g.lng) * g.kx;
  const y = (lat - g.lat) * M_PER_DEG;
  const { nx, ny, c } = g;
  // Signed distance of the point from each edge, positive on the inner side.
  for (let i = 0; i < 6; i++) if (nx[i] * x + ny[i] * y + c[i] < EDGE_MARGIN_M) return false;
  return true;
}

/**
 * H3 cells of positions. `exact` asks H3 (about 1 µs a call); `exactNear` answers the same from a
 * per-mover memo of cell geometry, for the per-fix hot path. Both are pure functions of the
 * position, so results never depend on arrival order.
 */
export class CellIndex {
  private readonly geoms = new Map<string, CellGeometry>();

  constructor(readonly resolution: number) {}

  exact(lat: number, lng: number): string {
    return latLngToCell(lat, lng, this.resolution);
  }

  /**
   * The exact cell of a position, answered without H3 while the position stays well inside the
   * last cell seen by this memo: first a check against the cell's inscribed circle, then against
   * its hexagon shrunk by a metre. Only a position near or past an edge asks H3. The answer is
   * always what `exact` would say, so results never depend on arrival order.
   */
  exactNear(memo: CellMemo, lat: number, lng: number): string {
    // Kept this small so that callers get it inlined: the usual answer then costs no call, and
    // no boxing of the coordinates to pass them.
    const g = memo.cellGeom;
    if (g !== null) {
      const dx = (lng - g.lng) * g.kx;
      const dy = (lat - g.lat) * M_PER_DEG;
      if (dx * dx + dy * dy < g.radiusM * g.radiusM) return g.cell;
    }
    return this.exactNearEdge(memo, lat, lng);
  }

  /** `exactNear` for a position outside the memo's inscribed circle (or with no memo yet). */
  private exactNearEdge(memo: CellMemo, lat: number, lng: number): string {
    const g = memo.cellGeom;
    if (g !== null) {
      if (insideShrunk(g, lat, lng)) return g.cell;
      // Moving things mostly step into a neighbour: try those before asking H3.
      if (g.hexagon) {
        g.neighbours ??= gridDisk(g.cell, 1)
          .filter((c) => c !== g.cell)
          .map((c) => this.geometry(c));
        for (const n of g.neighbours) {
          if (insideShrunk(n, lat, lng)) {
            memo.cellGeom = n;
            return n.cell;
          }
        }
      }
    }
    const g2 = this.geometry(latLngToCell(lat, lng, this.resolution));
    memo.cellGeom = g2;
    // The geometry's own string, so that callers keying maps by cell see one string per cell.
    return g2.cell;
  }

  private geometry(cell: string): CellGeometry {
    let g = this.geoms.get(cell);
    if (g) return g;
    const [lat, lng] = cellToLatLng(cell);
    const boundary = cellToBoundary(cell);
    const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
    const xs = boundary.map(([, vLng]) => (vLng - lng) * kx);
    const ys = boundary.map(([vLat]) => (vLat - lat) * M_PER_DEG);
    let minVertex = Infinity;
    for (const [vLat, vLng] of boundary) minVertex = Math.min(minVertex, haversineM(lat, lng, vLat, vLng));
    // A hexagon's inscribed radius is cos(30°) of its circumradius; keep a margin for the edges'
    // curvature. Only plain hexagons get the polygon test (pentagons and cells with distortion
    // vertices fall back to H3 outside the circle).
    const nx: number[] = [];
    const ny: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      const j = (i + 1) % xs.length;
      const ex = xs[j] - xs[i];
      const ey = ys[j] - ys[i];
      const len = Math.hypot(ex, ey);
      // Vertices run counter-clockwise, so the inner normal of edge (ex, ey) is (-ey, ex).
      nx.push(-ey / len);
      ny.push(ex / len);
      c.push((ey * xs[i] - ex * ys[i]) / len);
    }
    g = { cell, lat, lng, kx, radiusM: minVertex * 0.84, nx, ny, c, hexagon: boundary.length === 6 } as CellGeometry;
    if (this.geoms.size > 100_000) this.geoms.clear();
    this.geoms.set(cell, g);
    return g;
  }

}

/**
 * What `exactNear` remembers for one moving thing: the last cell it was in. A driver's record is
 * its own memo, so the hot path reads no other object to find it.
 */
export interface CellMemo {
  cellGeom: CellGeometry | null;
}

export function emptyCellMemo(): CellMemo {
  return { cellGeom: null };
}
