/**
 * Events-per-second limit per key (a token, or an address without one). A token bucket that may
 * go into debt: a batch larger than a second's allowance is let through once the bucket is full,
 * and the debt keeps the average at the rate. `now` is injected so the limiter is testable.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSec: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get enabled(): boolean {
    return this.ratePerSec > 0;
  }

  /** Takes `n` events' worth; returns 0 when allowed, else the seconds to wait. */
  take(key: string, n: number): number {
    if (!this.enabled) return 0;
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.ratePerSec, at: t };
      this.buckets.set(key, b);
      if (this.buckets.size > 10_000) this.sweep(t);
    }
    b.tokens = Math.min(this.ratePerSec, b.tokens + ((t - b.at) / 1000) * this.ratePerSec);
    b.at = t;
    if (b.tokens <= 0) return Math.max(1, Math.ceil(-b.tokens / this.ratePerSec + 1e-9));
    b.tokens -= n;
    return 0;
  }

  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.at > 60_000) this.buckets.delete(k);
  }
}
