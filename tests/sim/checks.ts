import { haversineM } from '../../lib/geo';
import type { FleetEvent } from '../../lib/events';
import type { RoadGraph } from '../../server/roads/graph';
import type { PositionTruth } from '../../server/sim/truth';

/** Runs a simulator generator to the end: its events, and the summary it returns. */
export function drain<T, R>(gen: Generator<T, R, undefined>): { items: T[]; result: R } {
  const items: T[] = [];
  let r = gen.next();
  while (!r.done) {
    items.push(r.value);
    r = gen.next();
  }
  return { items, result: r.value };
}

export const ndjson = (events: FleetEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');

/** Truth positions by driver, in time order. */
export function tracks(positions: PositionTruth[]): Map<string, PositionTruth[]> {
  const by = new Map<string, PositionTruth[]>();
  for (const p of positions) {
    let t = by.get(p.driverId);
    if (!t) by.set(p.driverId, (t = []));
    t.push(p);
  }
  for (const t of by.values()) t.sort((a, b) => a.ts - b.ts);
  return by;
}

/**
 * Steps between consecutive true positions of one online stretch that break the laws of motion:
 * the straight line longer than the road driven, or the road driven faster than `maxKph` allows.
 * A stretch ends where the fixes are more than `gapMs` apart (the driver was offline).
 */
export function teleports(track: PositionTruth[], maxKph: number, gapMs: number): string[] {
  const bad: string[] = [];
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1];
    const b = track[i];
    const dt = b.ts - a.ts;
    if (dt > gapMs) continue;
    const straight = haversineM(a.lat, a.lng, b.lat, b.lng);
    const road = b.odoM - a.odoM;
    if (road < -1e-6) bad.push(`${b.driverId} at ${b.ts}: odometer went back ${road.toFixed(2)} m`);
    if (straight > road + 0.5) bad.push(`${b.driverId} at ${b.ts}: ${straight.toFixed(1)} m in a straight line but ${road.toFixed(1)} m by road`);
    if (road > ((maxKph / 3.6) * dt) / 1000 + 0.5) bad.push(`${b.driverId} at ${b.ts}: ${road.toFixed(1)} m in ${dt} ms`);
  }
  return bad;
}

/**
 * A uniform grid over line segments, for "how far is this point from the nearest road" checks
 * independent of the graph code under test. Distances are flat-earth metres (fine below 1 km).
 */
export class SegmentIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly seg: number[] = [];
  private readonly cos: number;

  constructor(
    polylines: Iterable<[number, number][]>, // [lng, lat] pairs
    private readonly lat0: number,
    private readonly cellM = 100,
  ) {
    this.cos = Math.cos((lat0 * Math.PI) / 180);
    for (const line of polylines) {
      for (let i = 1; i < line.length; i++) {
        const id = this.seg.length / 4;
        const [x1, y1] = this.xy(line[i - 1][1], line[i - 1][0]);
        const [x2, y2] = this.xy(line[i][1], line[i][0]);
        this.seg.push(x1, y1, x2, y2);
        for (let cx = Math.floor(Math.min(x1, x2) / cellM); cx <= Math.floor(Math.max(x1, x2) / cellM); cx++) {
          for (let cy = Math.floor(Math.min(y1, y2) / cellM); cy <= Math.floor(Math.max(y1, y2) / cellM); cy++) {
            const k = cx * 100_003 + cy;
            let c = this.cells.get(k);
            if (!c) this.cells.set(k, (c = []));
            c.push(id);
          }
        }
      }
    }
  }

  private xy(lat: number, lng: number): [number, number] {
    return [lng * 111_320 * this.cos, (lat - this.lat0) * 111_320];
  }

  /** Metres from (lat, lng) to the nearest segment, searching up to one cell around. */
  distanceM(lat: number, lng: number): number {
    const [x, y] = this.xy(lat, lng);
    const cx = Math.floor(x / this.cellM);
    const cy = Math.floor(y / this.cellM);
    let best = Infinity;
    for (let i = cx - 1; i <= cx + 1; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) {
        for (const id of this.cells.get(i * 100_003 + j) ?? []) {
          const [x1, y1, x2, y2] = this.seg.slice(id * 4, id * 4 + 4);
          const dx = x2 - x1;
          const dy = y2 - y1;
          const len2 = dx * dx + dy * dy;
          const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2)) : 0;
          best = Math.min(best, Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)));
        }
      }
    }
    return best;
  }
}

/** Metres from (lat, lng) to the shape of `edge` (flat earth, fine at city scale). */
export function distanceToEdgeM(g: RoadGraph, edge: number, lat: number, lng: number): number {
  const cos = Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (let k = g.geomStart[edge]; k < g.geomStart[edge + 1] - 1; k++) {
    const ax = g.geomLng[k] * cos;
    const ay = g.geomLat[k];
    const dx = g.geomLng[k + 1] * cos - ax;
    const dy = g.geomLat[k + 1] - ay;
    const px = lng * cos - ax;
    const py = lat - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(px - t * dx, py - t * dy) * 111_320);
  }
  return best;
}
