/**
 * Travel-time ratios learned from drivers' steps: for each key (a road class in a zone, a road
 * class, everything), the seconds actually driven and the seconds the same metres take at the
 * roads' free-flow speeds, summed in buckets of event time (the step's end). Their quotient is the
 * ratio that turns a route's free-flow time into a prediction.
 *
 * Reading is as of a time: `sums(key, atTs)` reads only buckets that ended by `atTs`, so a
 * prediction for `atTs` is the same whatever steps after it the store has seen. Buckets are
 * weighted by age (recent traffic counts most) and by time of day (the same hour on earlier days).
 */
export interface SpeedWeights {
  /** bucket width, ms */
  bucketMs: number;
  /** buckets older than this behind the newest step are dropped */
  retentionMs: number;
  /** weight of a bucket `age` ms before the query: e^(-age / recentMs) ... */
  recentMs: number;
  /** ... plus this weight for a bucket within an hour of the same time of day on an earlier day */
  sameTimeOfDay: number;
}

export const SPEED_WEIGHT_DEFAULTS: SpeedWeights = {
  bucketMs: 5 * 60_000,
  retentionMs: 26 * 3_600_000,
  recentMs: 30 * 60_000,
  sameTimeOfDay: 0.3,
};

const DAY = 86_400_000;

export class LearnedSpeeds {
  /** key -> bucket -> [actual seconds, free-flow seconds] */
  private readonly rows = new Map<number, Map<number, [number, number]>>();
  /** key -> the last answer (for reads up to bucket `last`), dropped when a bucket <= last changes */
  private readonly cache = new Map<number, { last: number; a: number; f: number }>();
  private newest = -Infinity;
  private lastPrune = -Infinity;
  /** what `weigh` found last */
  private sumA = 0;
  private sumF = 0;

  constructor(readonly w: SpeedWeights = SPEED_WEIGHT_DEFAULTS) {}

  add(key: number, endTs: number, actualS: number, freeS: number, sign: 1 | -1): void {
    let byBucket = this.rows.get(key);
    if (!byBucket) this.rows.set(key, (byBucket = new Map()));
    const b = Math.floor(endTs / this.w.bucketMs);
    const c = this.cache.get(key);
    if (c && b <= c.last) this.cache.delete(key);
    let r = byBucket.get(b);
    if (!r) byBucket.set(b, (r = [0, 0]));
    r[0] += sign * actualS;
    r[1] += sign * freeS;
    if (endTs > this.newest) {
      this.newest = endTs;
      if (endTs - this.lastPrune > this.w.bucketMs * 12) this.prune();
    }
  }

  /**
   * Weighted [actual, free-flow] seconds of the key's buckets that ended by `atTs` (the whole
   * buckets before the one of `atTs`; ages count from that bucket, so one answer serves a bucket).
   */
  sums(key: number, atTs: number): [number, number] {
    this.weigh(key, atTs);
    return [this.sumA, this.sumF];
  }

  /**
   * (actual + shrinkS × prior) / (free-flow + shrinkS) of the key's weighted sums as of `atTs`:
   * the learned ratio shrunk toward `prior`, read without allocating (once per step and level).
   */
  shrunkRatio(key: number, atTs: number, shrinkS: number, prior: number): number {
    this.weigh(key, atTs);
    return (this.sumA + shrinkS * prior) / (this.sumF + shrinkS);
  }

  /** Sets sumA and sumF to the weighted sums of `sums(key, atTs)`. */
  private weigh(key: number, atTs: number): void {
    const last = Math.floor(atTs / this.w.bucketMs) - 1;
    const c = this.cache.get(key);
    if (c && c.last === last) {
      this.sumA = c.a;
      this.sumF = c.f;
      return;
    }
    this.sumA = 0;
    this.sumF = 0;
    const byBucket = this.rows.get(key);
    if (!byBucket) return;
    const { bucketMs, recentMs, sameTimeOfDay } = this.w;
    let a = 0;
    let f = 0;
    for (const [b, r] of byBucket) {
      if (b > last) continue;
      const age = (last - b) * bucketMs;
      let weight = Math.exp(-age / recentMs);
      if (sameTimeOfDay > 0 && age > DAY / 2) {
        const tod = age % DAY;
        const off = Math.min(tod, DAY - tod);
        if (off < 3_600_000) weight += sameTimeOfDay * (1 - off / 3_600_000);
      }
      a += weight * r[0];
      f += weight * r[1];
    }
    this.cache.set(key, { last, a, f });
    this.sumA = a;
    this.sumF = f;
  }

  private prune(): void {
    this.lastPrune = this.newest;
    const lo = Math.floor((this.newest - this.w.retentionMs) / this.w.bucketMs);
    for (const [key, byBucket] of this.rows) {
      for (const b of byBucket.keys()) if (b < lo) byBucket.delete(b);
      if (!byBucket.size) this.rows.delete(key);
    }
    this.cache.clear();
  }

  toJSON(): { newest: number | null; lastPrune: number | null; rows: [number, [number, number, number][]][] } {
    const fin = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      newest: fin(this.newest),
      lastPrune: fin(this.lastPrune),
      rows: [...this.rows].map(([k, m]) => [k, [...m].map(([b, r]): [number, number, number] => [b, r[0], r[1]])]),
    };
  }

  load(s: ReturnType<LearnedSpeeds['toJSON']>): void {
    this.rows.clear();
    this.cache.clear();
    this.newest = s.newest ?? -Infinity;
    this.lastPrune = s.lastPrune ?? -Infinity;
    for (const [k, list] of s.rows) this.rows.set(k, new Map(list.map(([b, a, f]) => [b, [a, f]])));
  }
}
