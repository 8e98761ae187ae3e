/**
 * How good the engine's own ETAs have been, by horizon: each delivery scores the ETA given at its
 * pickup (the engine's scored sample), in hourly buckets of delivery time. The horizon of a sample
 * is the trip's true duration (pickup to delivery), as in `npm run eval:eta`. Per bucket and per
 * group (all, then each horizon): count, sum of absolute errors, sum of signed errors (actual −
 * predicted) and a histogram of absolute errors for the median and 90th percentile.
 */
import type { TimeBuckets } from './time-buckets';

export const ETA_HORIZONS = [
  { label: '0-5 min', fromMinutes: 0, toMinutes: 5 },
  { label: '5-15 min', fromMinutes: 5, toMinutes: 15 },
  { label: '15+ min', fromMinutes: 15, toMinutes: null },
] as const;

/** Upper edges (seconds) of the error histogram's bins; the last bin is open. */
export const ERROR_BIN_EDGES_S = [15, 30, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600];
const BINS = ERROR_BIN_EDGES_S.length + 1;
const GROUP = 3 + BINS;
/** Columns of a bucket row: the group of all samples, then one group per horizon. */
export const ETA_ACCURACY_WIDTH = GROUP * (1 + ETA_HORIZONS.length);
export const ETA_ACCURACY_BUCKET_MS = 3_600_000;

function binOf(errS: number): number {
  let b = 0;
  while (b < ERROR_BIN_EDGES_S.length && errS >= ERROR_BIN_EDGES_S[b]) b++;
  return b;
}

function horizonOf(durationMs: number): number {
  const min = durationMs / 60_000;
  let h = 0;
  while (h < ETA_HORIZONS.length - 1 && min >= ETA_HORIZONS[h].toMinutes!) h++;
  return h;
}

/** Adds (sign 1) or withdraws (sign -1) one scored ETA: delivered at `deliveredTs`. */
export function addEtaSample(b: TimeBuckets, deliveredTs: number, durationMs: number, signedErrS: number, sign: 1 | -1): void {
  const err = Math.abs(signedErrS);
  const bin = binOf(err);
  for (const g of [0, 1 + horizonOf(durationMs)]) {
    const base = g * GROUP;
    b.add(deliveredTs, base, sign);
    b.add(deliveredTs, base + 1, sign * err);
    b.add(deliveredTs, base + 2, sign * signedErrS);
    b.add(deliveredTs, base + 3 + bin, sign);
  }
}

export interface GroupStats {
  samples: number;
  maeSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  biasSeconds: number | null;
}

/** The stats of group g (0: all, 1..: horizons) in the summed row `r`. */
export function groupStats(r: number[], g: number): GroupStats {
  const base = g * GROUP;
  const n = Math.round(r[base]);
  if (n <= 0) return { samples: 0, maeSeconds: null, medianSeconds: null, p90Seconds: null, biasSeconds: null };
  const q = (p: number) => {
    // The error below which a share p of the samples lies, linear within its bin.
    const want = p * n;
    let acc = 0;
    for (let k = 0; k < BINS; k++) {
      const c = r[base + 3 + k];
      if (acc + c >= want && c > 0) {
        const lo = k === 0 ? 0 : ERROR_BIN_EDGES_S[k - 1];
        if (k === BINS - 1) return lo;
        return lo + ((want - acc) / c) * (ERROR_BIN_EDGES_S[k] - lo);
      }
      acc += c;
    }
    return ERROR_BIN_EDGES_S[ERROR_BIN_EDGES_S.length - 1];
  };
  const round = (x: number) => Math.round(x * 10) / 10;
  return { samples: n, maeSeconds: round(r[base + 1] / n), medianSeconds: round(q(0.5)), p90Seconds: round(q(0.9)), biasSeconds: round(r[base + 2] / n) };
}
