import { TimeBuckets } from './time-buckets';

const LOOKBACK_MINUTES = 10;
/** Below this a step is a stop (waiting, parked), not traffic speed. */
const MOVING_KPH = 3;

/**
 * Recent traffic speed per zone, learned from drivers' steps: metres and milliseconds of moving
 * steps, bucketed by zone and minute of the step's end. `kphBefore(cell, ts)` reads only whole
 * minutes before the minute of `ts`, so an answer never depends on events after `ts`.
 */
export class ZoneSpeed {
  private readonly zones = new Map<string, TimeBuckets>();

  addStep(cell: string, endTs: number, metres: number, ms: number, sign: 1 | -1): void {
    if (ms <= 0 || (metres / ms) * 3600 < MOVING_KPH) return;
    let b = this.zones.get(cell);
    if (!b) {
      b = new TimeBuckets(60_000, 2);
      this.zones.set(cell, b);
    }
    b.add(endTs, 0, sign * metres);
    b.add(endTs, 1, sign * ms);
  }

  kphBefore(cell: string, ts: number): number | null {
    const b = this.zones.get(cell);
    if (!b) return null;
    const [m, ms] = b.sumLast(ts - 60_000, LOOKBACK_MINUTES);
    return ms >= 60_000 ? (m / ms) * 3600 : null;
  }

  prune(beforeTs: number): void {
    for (const [cell, b] of this.zones) {
      b.pruneBefore(beforeTs);
      if (!b.entries().length) this.zones.delete(cell);
    }
  }

  toJSON(): [string, [number, number[]][]][] {
    return [...this.zones.entries()].map(([cell, b]) => [cell, b.toJSON()]);
  }

  load(rows: [string, [number, number[]][]][]): this {
    for (const [cell, b] of rows) this.zones.set(cell, new TimeBuckets(60_000, 2).load(b));
    return this;
  }
}
