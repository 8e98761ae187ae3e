/**
 * Quantiles of a Prometheus-style histogram (cumulative bucket counts), the way PromQL's
 * histogram_quantile estimates them: linear within the bucket the rank falls in. Used by
 * GET /api/system to report latencies from the /metrics histograms instead of a second copy.
 */

/** One bucket: how many observations were at most `le` (cumulative); the last `le` is Infinity. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * The q-quantile (0..1) of the observations, or null with none. A rank that falls in the +Inf
 * bucket answers the largest finite bound (nothing more precise is known).
 */
export function bucketQuantile(buckets: readonly Bucket[], q: number): number | null {
  if (!buckets.length) return null;
  const total = buckets[buckets.length - 1].count;
  if (!(total > 0)) return null;
  const rank = Math.min(1, Math.max(0, q)) * total;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const b of buckets) {
    if (b.count >= rank && b.count > lowerCount) {
      if (!Number.isFinite(b.le)) return lowerLe;
      return lowerLe + ((b.le - lowerLe) * (rank - lowerCount)) / (b.count - lowerCount);
    }
    lowerLe = b.le;
    lowerCount = b.count;
  }
  return lowerLe;
}

/** The observations made between two readings of the same histogram (`now` minus `before`). */
export function bucketDelta(now: readonly Bucket[], before: readonly Bucket[]): Bucket[] {
  return now.map((b, i) => ({ le: b.le, count: Math.max(0, b.count - (before[i]?.le === b.le ? before[i].count : 0)) }));
}
