/**
 * Demand: when orders are created (a non-homogeneous Poisson process following a day curve with
 * breakfast, lunch and dinner peaks) and where (hot spots: restaurant clusters, cafés, stations,
 * each with its own hours, plus a share of pickups anywhere), and where they go.
 */
import type { RoadGraph } from '../roads/graph';
import type { Rng } from '../roads/random';
import type { Router } from '../roads/router';
import { bell, MINUTES_PER_DAY, MS_PER_MINUTE, localMinute, perMinute, rise } from './time-of-day';

export type HotSpotKind = 'restaurants' | 'cafes' | 'station' | 'mall';

export interface HotSpot {
  id: string;
  kind: HotSpotKind;
  lat: number;
  lng: number;
  /** relative size (share of the demand of its kind) */
  weight: number;
}

/** A hot spot placed on the graph, with what the simulator precomputes for it. */
export interface PlacedHotSpot extends HotSpot {
  node: number;
  /** graph nodes within the spot's radius: pickups are drawn among them */
  nearby: Int32Array;
  /** for each node, the first edge of its fastest route to `node` (-1 at the spot, unreachable) */
  treeToward: Int32Array;
}

/** The day's shape: relative order rate at a local hour (arbitrary units, normalized later). */
export function demandShape(hour: number): number {
  const day = rise(hour, 7.5, 1.5) * (1 - rise(hour, 23, 1.6));
  return (
    0.08 +
    0.5 * day +
    0.4 * bell(hour, 8.5, 0.7) +
    0.8 * bell(hour, 12.75, 0.85) +
    0.75 * bell(hour, 20, 1.2)
  );
}

/** Relative hourly weight of a kind of hot spot (who sells at which meal). */
function kindProfile(kind: HotSpotKind, hour: number): number {
  switch (kind) {
    case 'cafes':
      return 0.3 + 2.5 * bell(hour, 8.25, 0.9) + 0.4 * bell(hour, 16, 1.5);
    case 'station':
      return 0.5 + 1.5 * bell(hour, 8, 1.2) + 1.2 * bell(hour, 18.5, 1.5);
    case 'mall':
      return 0.4 + 1 * bell(hour, 13, 1.5) + 1 * bell(hour, 19.5, 1.5);
    case 'restaurants':
      return 0.4 + 1.5 * bell(hour, 12.75, 1) + 1.8 * bell(hour, 20, 1.1);
  }
}

/**
 * Order creation times: thinning of a Poisson process whose per-minute rate follows
 * `demandShape`, scaled so the day's expected total is `ordersPerDay`.
 */
export class OrderClock {
  private readonly ratePerMs: Float64Array;
  private readonly maxRate: number;
  private t: number;

  constructor(
    private readonly rng: Rng,
    startTs: number,
    private readonly endTs: number,
    ordersPerDay: number,
    private readonly utcOffsetMin: number,
  ) {
    const shape = perMinute(demandShape);
    let sum = 0;
    for (const v of shape) sum += v;
    this.ratePerMs = new Float64Array(MINUTES_PER_DAY);
    let max = 0;
    for (let m = 0; m < MINUTES_PER_DAY; m++) {
      const r = ((ordersPerDay * shape[m]) / sum) / MS_PER_MINUTE;
      this.ratePerMs[m] = r;
      if (r > max) max = r;
    }
    this.maxRate = max;
    this.t = startTs;
  }

  /** Expected orders per minute at `ts`. */
  ratePerMinute(ts: number): number {
    return this.ratePerMs[localMinute(ts, this.utcOffsetMin)] * MS_PER_MINUTE;
  }

  /** The next creation time (integer ms), or Infinity when the day is over. */
  next(): number {
    if (this.maxRate <= 0) return Infinity;
    for (;;) {
      this.t += this.rng.exp(1 / this.maxRate);
      if (this.t >= this.endTs) return Infinity;
      const rate = this.ratePerMs[localMinute(this.t, this.utcOffsetMin)];
      if (this.rng.next() * this.maxRate < rate) return Math.floor(this.t);
    }
  }
}

const KINDS: { kind: HotSpotKind; count: number; spreadShare: number; weight: number }[] = [
  { kind: 'restaurants', count: 8, spreadShare: 0.22, weight: 1 },
  { kind: 'cafes', count: 4, spreadShare: 0.3, weight: 0.45 },
  { kind: 'station', count: 2, spreadShare: 0.3, weight: 0.35 },
  { kind: 'mall', count: 2, spreadShare: 0.45, weight: 0.5 },
];

/**
 * Picks hot spots on a graph: restaurant clusters and cafés mostly near the middle, stations and
 * malls further out. Deterministic for a given rng state.
 */
export function defaultHotSpots(graph: RoadGraph, rng: Rng): HotSpot[] {
  const [w, s, e, n] = graph.bbox;
  const midLat = (s + n) / 2;
  const midLng = (w + e) / 2;
  const spots: HotSpot[] = [];
  for (const k of KINDS) {
    for (let i = 0; i < k.count; i++) {
      const lat = midLat + rng.normal() * k.spreadShare * (n - s);
      const lng = midLng + rng.normal() * k.spreadShare * (e - w);
      const node = graph.nearestNode(Math.min(n, Math.max(s, lat)), Math.min(e, Math.max(w, lng)));
      spots.push({
        id: `${k.kind}-${i + 1}`,
        kind: k.kind,
        lat: graph.lat[node],
        lng: graph.lng[node],
        weight: k.weight * rng.range(0.5, 1.5),
      });
    }
  }
  return spots;
}

/** Places hot spots on the graph: their node, the nodes around them and a route tree to each. */
export function placeHotSpots(graph: RoadGraph, router: Router, spots: HotSpot[], radiusM = 300): PlacedHotSpot[] {
  return spots.map((spot) => {
    const node = graph.nearestNode(spot.lat, spot.lng);
    const near: number[] = [];
    const cos = Math.cos((spot.lat * Math.PI) / 180);
    for (let v = 0; v < graph.nodeCount; v++) {
      const dy = (graph.lat[v] - spot.lat) * 111_320;
      const dx = (graph.lng[v] - spot.lng) * 111_320 * cos;
      if (dx * dx + dy * dy <= radiusM * radiusM) near.push(v);
    }
    if (near.length === 0) near.push(node);
    const treeToward = new Int32Array(graph.nodeCount).fill(-1);
    router.searchToward(node, (v) => {
      treeToward[v] = router.nextEdgeToward(v);
      return false;
    });
    return { ...spot, node, nearby: Int32Array.from(near), treeToward };
  });
}

/** Chooses the hot spot of a new order at a local hour: weight x its kind's hourly profile. */
export class HotSpotPicker {
  private readonly cumulative: Float64Array[] = [];

  constructor(private readonly spots: PlacedHotSpot[]) {
    for (let h = 0; h < 24; h++) {
      const c = new Float64Array(spots.length);
      let acc = 0;
      spots.forEach((s, i) => {
        acc += s.weight * kindProfile(s.kind, h + 0.5);
        c[i] = acc;
      });
      this.cumulative.push(c);
    }
  }

  pick(rng: Rng, localHour: number): PlacedHotSpot {
    return this.spots[rng.weighted(this.cumulative[Math.floor(localHour) % 24])];
  }
}
