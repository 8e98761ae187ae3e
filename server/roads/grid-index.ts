/**
 * A uniform grid over points (graph nodes) for nearest-point queries. Cells are stored in CSR form
 * (one Int32Array of point ids sorted by cell), so the index is two typed arrays and no objects.
 */

const M_PER_DEG_LAT = 111_320;

export class PointGrid {
  private readonly cellStart: Int32Array;
  private readonly ids: Int32Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly south: number;
  private readonly west: number;
  /** metres per degree of longitude at the grid's middle latitude */
  private readonly mPerDegLng: number;

  /**
   * @param lat point latitudes; @param lng point longitudes
   * @param cellM the side of a cell in metres (about the typical spacing of points works best)
   */
  constructor(
    private readonly lat: Float64Array,
    private readonly lng: Float64Array,
    private readonly cellM = 200,
  ) {
    const n = lat.length;
    let s = Infinity;
    let w = Infinity;
    let nn = -Infinity;
    let e = -Infinity;
    for (let i = 0; i < n; i++) {
      if (lat[i] < s) s = lat[i];
      if (lat[i] > nn) nn = lat[i];
      if (lng[i] < w) w = lng[i];
      if (lng[i] > e) e = lng[i];
    }
    if (n === 0) s = w = nn = e = 0;
    this.south = s;
    this.west = w;
    this.mPerDegLng = M_PER_DEG_LAT * Math.cos((((s + nn) / 2) * Math.PI) / 180);
    this.nx = Math.max(1, Math.ceil(((e - w) * this.mPerDegLng) / cellM) + 1);
    this.ny = Math.max(1, Math.ceil(((nn - s) * M_PER_DEG_LAT) / cellM) + 1);
    const cells = this.nx * this.ny;
    const cellOf = new Int32Array(n);
    const start = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellIndex(this.cx(lng[i]), this.cy(lat[i]));
      cellOf[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const fill = start.slice(0, cells);
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[fill[cellOf[i]]++] = i;
    this.cellStart = start;
    this.ids = ids;
  }

  private cx(lng: number): number {
    return Math.floor(((lng - this.west) * this.mPerDegLng) / this.cellM);
  }

  private cy(lat: number): number {
    return Math.floor(((lat - this.south) * M_PER_DEG_LAT) / this.cellM);
  }

  private cellIndex(x: number, y: number): number {
    return y * this.nx + x;
  }

  /** Equirectangular squared distance in m², plenty for ranking points a few km apart. */
  private dist2(i: number, lat: number, lng: number): number {
    const dy = (this.lat[i] - lat) * M_PER_DEG_LAT;
    const dx = (this.lng[i] - lng) * this.mPerDegLng;
    return dx * dx + dy * dy;
  }

  /**
   * The id of the point nearest to (lat, lng), or -1 when the grid is empty. Searches rings of
   * cells outward from the query's cell and stops once no unseen cell can hold a nearer point.
   * Ties go to the lowest id.
   */
  nearest(lat: number, lng: number): number {
    if (this.ids.length === 0) return -1;
    const qx = this.cx(lng);
    const qy = this.cy(lat);
    const { nx, ny } = this;
    // Chebyshev distance (in cells) from the query's cell to the grid: the first ring with cells.
    const r0 = Math.max(0, -qx, qx - (nx - 1), -qy, qy - (ny - 1));
    let best = -1;
    let bestD = Infinity;
    const maxR = Math.max(nx, ny) + r0;
    for (let r = r0; r <= maxR; r++) {
      // Any point in ring r is at least (r - 1) cells away from the query.
      if (best >= 0) {
        const bound = Math.max(0, r - 1) * this.cellM;
        if (bound * bound > bestD) break;
      }
      const y0 = Math.max(0, qy - r);
      const y1 = Math.min(ny - 1, qy + r);
      for (let y = y0; y <= y1; y++) {
        const edgeRow = y === qy - r || y === qy + r;
        const step = edgeRow ? 1 : 2 * r;
        for (let x = qx - r; x <= qx + r; x += step || 1) {
          if (x < 0 || x >= nx) continue;
          const c = this.cellIndex(x, y);
          for (let k = this.cellStart[c], end = this.cellStart[c + 1]; k < end; k++) {
            const id = this.ids[k];
            const d = this.dist2(id, lat, lng);
            if (d < bestD || (d === bestD && id < best)) {
              bestD = d;
              best = id;
            }
          }
        }
      }
    }
    return best;
  }
}
