/**
 * Speed over time from a driver's trail ([ts, lat, lng] fixes): the distance covered between
 * consecutive fixes, summed per time bucket and divided by the time those steps took. A bucket
 * with no step has no speed (null), so a chart shows a gap rather than inventing a value.
 */
import type { TrailPoint } from './api-types';
import { haversineM } from './geo';

export interface SpeedPoint {
  /** start of the bucket */
  ts: number;
  /** km/h over the bucket's steps; null when no step falls in it */
  kph: number | null;
}

export interface SpeedOptions {
  /** bucket width, ms (default one minute) */
  bucketMs?: number;
  /** a step longer than this is a gap in the data, not a slow drive (default 5 minutes) */
  maxStepMs?: number;
  /** a step faster than this is a GPS jump and left out (default 200 km/h) */
  maxKph?: number;
}

/** Per-bucket speed, buckets aligned to multiples of `bucketMs`, from the first fix to the last. */
export function speedSeries(trail: readonly TrailPoint[], opts: SpeedOptions = {}): SpeedPoint[] {
  const bucketMs = opts.bucketMs ?? 60_000;
  const maxStepMs = opts.maxStepMs ?? 5 * 60_000;
  const maxKph = opts.maxKph ?? 200;
  if (trail.length < 2) return [];
  const pts = [...trail].sort((a, b) => a[0] - b[0]);
  const first = Math.floor(pts[0][0] / bucketMs) * bucketMs;
  const n = Math.floor((pts[pts.length - 1][0] - first) / bucketMs) + 1;
  const metres = new Array<number>(n).fill(0);
  const ms = new Array<number>(n).fill(0);
  for (let i = 1; i < pts.length; i++) {
    const [t0, la0, ln0] = pts[i - 1];
    const [t1, la1, ln1] = pts[i];
    const dt = t1 - t0;
    if (dt <= 0 || dt > maxStepMs) continue;
    const d = haversineM(la0, ln0, la1, ln1);
    if ((d / dt) * 3600 > maxKph) continue;
    // A step is credited to the bucket it ends in: speeds are known once the fix arrives.
    const b = Math.floor((t1 - first) / bucketMs);
    metres[b] += d;
    ms[b] += dt;
  }
  return metres.map((m, b) => ({ ts: first + b * bucketMs, kph: ms[b] > 0 ? round1((m / ms[b]) * 3600) : null }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;
