/**
 * A driver's recent fixes in event-time order, stored flat ([ts, lat, lng, ts, lat, lng, ...]) so
 * 10,000 drivers with 30-minute trails cost a few tens of MB. Points arrive mostly in order, so
 * insertion is an append; a late point is spliced into place.
 */
export class Trail {
  /**
   * flat triples; points before `start` are trimmed and awaiting compaction, and the array's
   * slots from `end` on are spare (kept from before a compaction, so a trail in steady state
   * writes into the same array instead of growing a new one every few minutes)
   */
  private pts: number[] = [];
  private start = 0;
  private end = 0;
  /**
   * ts of the oldest point kept (Infinity when none): every insert asks whether to trim, and this
   * answers without reading the far end of the array
   */
  private headTs = Infinity;

  get length(): number {
    return this.end / 3 - this.start;
  }

  ts(i: number): number {
    return this.pts[(this.start + i) * 3];
  }

  lat(i: number): number {
    return this.pts[(this.start + i) * 3 + 1];
  }

  lng(i: number): number {
    return this.pts[(this.start + i) * 3 + 2];
  }

  lastTs(): number {
    return this.length ? this.ts(this.length - 1) : -Infinity;
  }

  firstTs(): number {
    return this.length ? this.ts(0) : Infinity;
  }

  /** Index of the point with exactly this ts, or -1. */
  indexOf(ts: number): number {
    const i = this.lowerBound(ts);
    return i < this.length && this.ts(i) === ts ? i : -1;
  }

  /** First index whose ts is >= the given ts. */
  lowerBound(ts: number): number {
    let lo = 0;
    let hi = this.length;
    // Fast path: the common case is a point newer than all others.
    if (hi === 0 || this.ts(hi - 1) < ts) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ts(mid) < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts a point; returns its index, or -1 when a point with this ts exists already. */
  insert(ts: number, lat: number, lng: number): number {
    const i = this.lowerBound(ts);
    const n = this.length;
    if (i < n && this.ts(i) === ts) return -1;
    const pts = this.pts;
    if (i === n && this.end < pts.length) {
      pts[this.end] = ts;
      pts[this.end + 1] = lat;
      pts[this.end + 2] = lng;
    } else if (i === n) {
      pts.push(ts, lat, lng);
    } else {
      // Spare slots after `end` shift along, and stay spare.
      pts.splice((this.start + i) * 3, 0, ts, lat, lng);
    }
    this.end += 3;
    if (i === 0) this.headTs = ts;
    return i;
  }

  /** Drops points older than `ts`, always keeping the newest one. */
  trimBefore(ts: number): void {
    if (this.headTs >= ts) return;
    const n = this.length;
    let k = 0;
    while (k < n - 1 && this.ts(k) < ts) k++;
    if (!k) return;
    this.start += k;
    this.headTs = this.ts(0);
    // Compact once the dead prefix is as large as the live part.
    if (this.start > 64 && this.start * 2 > this.end / 3) {
      this.pts.copyWithin(0, this.start * 3, this.end);
      this.end -= this.start * 3;
      this.start = 0;
    }
  }

  toArray(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let i = 0; i < this.length; i++) out.push([this.ts(i), this.lat(i), this.lng(i)]);
    return out;
  }

  toJSON(): number[] {
    return this.pts.slice(this.start * 3, this.end);
  }

  static fromJSON(flat: number[]): Trail {
    const t = new Trail();
    t.pts = flat.slice();
    t.end = t.pts.length;
    if (t.length) t.headTs = t.ts(0);
    return t;
  }
}
