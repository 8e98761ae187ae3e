/**
 * The road network as the map's offline base layer: directed road edges reduced to few, light
 * polylines. Both directions of a street become one segment, segments of the same class that
 * continue almost straight through a junction are chained into one line (a grid street becomes a
 * single LineString, not a hundred), lines are simplified (Douglas-Peucker) and coordinates
 * rounded, so a city of thousands of edges is a few hundred kilobytes at most.
 */

/** One road piece: its class and its shape as [lat, lng] points. */
export interface RoadPiece {
  roadClass: number;
  points: [number, number][];
}

export interface RoadLine {
  roadClass: number;
  /** [lng, lat] pairs, as GeoJSON wants them */
  coords: [number, number][];
}

/** How far from straight (degrees) a street may turn at a junction and still be one line. */
const STRAIGHT_DEG = 35;

const key = (p: readonly [number, number]) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;

/**
 * Chains pieces into lines: undirected duplicates dropped, then each line grown from a piece at
 * both ends through junctions where a piece of the same class carries on within STRAIGHT_DEG.
 */
export function chainRoads(pieces: readonly RoadPiece[]): RoadPiece[] {
  // Undirected de-duplication: a two-way street is two directed edges with reversed shapes.
  const unique: RoadPiece[] = [];
  const seen = new Set<string>();
  for (const p of pieces) {
    if (p.points.length < 2) continue;
    const fwd = p.points.map(key).join(';');
    const rev = [...p.points].reverse().map(key).join(';');
    if (seen.has(fwd) || seen.has(rev)) continue;
    seen.add(fwd);
    unique.push(p);
  }
  const atNode = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const list = atNode.get(k);
    if (list) list.push(i);
    else atNode.set(k, [i]);
  };
  unique.forEach((p, i) => {
    add(key(p.points[0]), i);
    add(key(p.points[p.points.length - 1]), i);
  });
  const used = new Uint8Array(unique.length);
  const out: RoadPiece[] = [];
  for (let i = 0; i < unique.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const cls = unique[i].roadClass;
    let line = [...unique[i].points];
    for (let end = 0; end < 2; end++) {
      // Grow from the line's last point; then reverse and grow from the other end.
      for (;;) {
        const last = line[line.length - 1];
        const prev = line[line.length - 2];
        const next = bestContinuation(unique, atNode.get(key(last)) ?? [], used, cls, prev, last);
        if (next < 0) break;
        used[next] = 1;
        const pts = unique[next].points;
        const forward = key(pts[0]) === key(last);
        const tail = forward ? pts.slice(1) : [...pts].reverse().slice(1);
        line = line.concat(tail);
      }
      line.reverse();
    }
    out.push({ roadClass: cls, points: line });
  }
  return out;
}

function bestContinuation(pieces: readonly RoadPiece[], candidates: number[], used: Uint8Array, cls: number, prev: [number, number], at: [number, number]): number {
  const inDir = direction(prev, at);
  let best = -1;
  let bestTurn = STRAIGHT_DEG;
  for (const j of candidates) {
    if (used[j] || pieces[j].roadClass !== cls) continue;
    const pts = pieces[j].points;
    const forward = key(pts[0]) === key(at);
    const nextPt = forward ? pts[1] : pts[pts.length - 2];
    const turn = angleBetween(inDir, direction(at, nextPt));
    if (turn <= bestTurn) {
      bestTurn = turn;
      best = j;
    }
  }
  return best;
}

/** Direction of travel a → b in degrees, on a locally flat map (longitude scaled by latitude). */
function direction(a: readonly [number, number], b: readonly [number, number]): number {
  const k = Math.cos((a[0] * Math.PI) / 180);
  return (Math.atan2(b[0] - a[0], (b[1] - a[1]) * k) * 180) / Math.PI;
}

function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/**
 * Douglas-Peucker on [lat, lng] points with a tolerance in metres (local flat approximation,
 * fine at city scale). Keeps the first and last point.
 */
export function simplifyLine(points: readonly [number, number][], toleranceM: number): [number, number][] {
  if (points.length <= 2) return [...points];
  const lat0 = points[0][0];
  const my = 111_320;
  const mx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = points[a][1] * mx;
    const ay = points[a][0] * my;
    const dx = points[b][1] * mx - ax;
    const dy = points[b][0] * my - ay;
    const len2 = dx * dx + dy * dy;
    let far = -1;
    let farD = toleranceM;
    for (let i = a + 1; i < b; i++) {
      const px = points[i][1] * mx - ax;
      const py = points[i][0] * my - ay;
      const t = len2 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const d = Math.hypot(px - t * dx, py - t * dy);
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Pieces → chained, simplified lines with coordinates rounded to `digits` decimals (5: ~1 m). */
export function roadLines(pieces: readonly RoadPiece[], toleranceM = 4, digits = 5): RoadLine[] {
  const f = 10 ** digits;
  const round = (x: number) => Math.round(x * f) / f;
  return chainRoads(pieces).map((p) => ({
    roadClass: p.roadClass,
    coords: simplifyLine(p.points, toleranceM).map(([lat, lng]) => [round(lng), round(lat)] as [number, number]),
  }));
}
