/**
 * Counters bucketed by event time (a bucket per `bucketMs`), each bucket a fixed row of numbers.
 * Windows are sums over whole buckets, so a window is a pure function of the events' own
 * timestamps: the same events give the same sums in any arrival order.
 */
/**
 * Bucket numbers count from 2017-07-14 so that, for any time between 1983 and 2051, they are small
 * integers (V8 Smis): Map lookups with them allocate nothing on the per-event path.
 */
const BASE_MS = 1.5e12;

export class TimeBuckets {
  private readonly rows = new Map<number, number[]>();

  constructor(
    readonly bucketMs: number,
    readonly width: number,
  ) {}

  bucketOf(ts: number): number {
    return Math.floor((ts - BASE_MS) / this.bucketMs);
  }

  /** Start time of a bucket. */
  startOf(bucket: number): number {
    return bucket * this.bucketMs + BASE_MS;
  }

  /** the row used last: events mostly land in the same bucket as the one before */
  private lastBucket = NaN;
  private lastRow: number[] | null = null;

  private row(bucket: number): number[] {
    if (bucket === this.lastBucket) return this.lastRow!;
    let r = this.rows.get(bucket);
    if (!r) {
      r = new Array<number>(this.width).fill(0);
      this.rows.set(bucket, r);
    }
    this.lastBucket = bucket;
    this.lastRow = r;
    return r;
  }

  add(ts: number, idx: number, delta: number): void {
    this.row(this.bucketOf(ts))[idx] += delta;
  }

  set(ts: number, idx: number, value: number): void {
    this.row(this.bucketOf(ts))[idx] = value;
  }

  get(bucket: number): number[] | undefined {
    return this.rows.get(bucket);
  }

  /** Sums of the `count` buckets ending with the bucket of `ts` (inclusive). */
  sumLast(ts: number, count: number): number[] {
    const hi = this.bucketOf(ts);
    const lo = hi - count;
    const out = new Array<number>(this.width).fill(0);
    if (count <= this.rows.size) {
      for (let b = lo + 1; b <= hi; b++) {
        const r = this.rows.get(b);
        if (r) for (let i = 0; i < this.width; i++) out[i] += r[i];
      }
    } else {
      for (const [b, r] of this.rows) {
        if (b > lo && b <= hi) for (let i = 0; i < this.width; i++) out[i] += r[i];
      }
    }
    return out;
  }

  /** Drops buckets that end before `ts`. */
  pruneBefore(ts: number): void {
    const lo = this.bucketOf(ts);
    for (const b of this.rows.keys()) if (b < lo) this.rows.delete(b);
    if (this.lastBucket < lo) this.lastBucket = NaN;
  }

  /** Buckets in ascending order. */
  entries(): [number, number[]][] {
    return [...this.rows.entries()].sort((a, b) => a[0] - b[0]);
  }

  toJSON(): [number, number[]][] {
    return [...this.rows.entries()];
  }

  load(rows: [number, number[]][]): this {
    for (const [b, r] of rows) this.rows.set(b, r.slice());
    return this;
  }
}
