/**
 * Screen-space clustering for the zoomed-out fleet map: points are binned into square cells of
 * `cellPx` pixels and each non-empty cell becomes one cluster at the mean of its points, with the
 * count by status and how many have gone quiet. Linear in the number of points, allocation-light
 * (the caller's typed arrays), so it runs every animation frame for thousands of vehicles.
 */

export interface Cluster {
  x: number;
  y: number;
  count: number;
  /** points per status index (the caller's order) */
  byStatus: number[];
  /** points whose last fix is stale */
  stale: number;
  /** index (into the caller's arrays) of one point of the cluster */
  first: number;
}

/** Zoom below which vehicles are always clustered. */
export const CLUSTER_BELOW_ZOOM = 12;
/** At zooms below this, more vehicles than CLUSTER_CROWD on screen are clustered too. */
export const CLUSTER_CROWD_BELOW_ZOOM = 15;
export const CLUSTER_CROWD = 1500;

/** Whether the map should draw clusters rather than single vehicles. */
export function shouldCluster(zoom: number, onScreen: number): boolean {
  return zoom < CLUSTER_BELOW_ZOOM || (zoom < CLUSTER_CROWD_BELOW_ZOOM && onScreen > CLUSTER_CROWD);
}

/**
 * Clusters the first `n` points (xs/ys in container pixels; points outside width x height are
 * skipped). `status[i]` is an index below `statusCount`; `stale[i]` is 1 for a quiet vehicle.
 */
export function clusterGrid(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  status: ArrayLike<number>,
  stale: ArrayLike<number>,
  n: number,
  width: number,
  height: number,
  cellPx: number,
  statusCount: number,
): Cluster[] {
  const cols = Math.max(1, Math.ceil(width / cellPx));
  const byCell = new Map<number, Cluster>();
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!(x >= 0 && y >= 0 && x < width && y < height)) continue;
    const key = Math.floor(y / cellPx) * cols + Math.floor(x / cellPx);
    let c = byCell.get(key);
    if (!c) byCell.set(key, (c = { x: 0, y: 0, count: 0, byStatus: new Array<number>(statusCount).fill(0), stale: 0, first: i }));
    c.x += x;
    c.y += y;
    c.count++;
    c.byStatus[status[i]]++;
    c.stale += stale[i];
  }
  const out = [...byCell.values()];
  for (const c of out) {
    c.x /= c.count;
    c.y /= c.count;
  }
  return out;
}

/** Radius in pixels of a cluster disc of `count` vehicles: grows with the square root, capped. */
export function clusterRadius(count: number): number {
  return Math.min(26, 9 + Math.sqrt(count) * 1.6);
}
