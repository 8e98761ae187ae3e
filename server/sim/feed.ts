/**
 * The feed: the order in which a producer's events reach the server. The simulator makes events
 * in event-time order; the feed copies a few (duplicates, same id), holds a few back for up to a
 * minute (out of order) and a few location fixes for 2.5 to 10 minutes (late: beyond the default
 * allowed lateness of 2 minutes). Everything else passes straight through.
 *
 * Release rule, which keeps chunked runs identical to one long run: a held event due at time A is
 * released just before the first fresh event with ts > A (or by `release(upTo)` once A <= upTo),
 * held events among themselves in order of A, then of when they were held.
 */
import type { FleetEvent } from '../../lib/events';
import type { Rng } from '../roads/random';
import type { FaultTruth } from './truth';

export interface FaultShares {
  duplicate: number;
  outOfOrder: number;
  late: number;
}

interface Held {
  at: number;
  seq: number;
  event: FleetEvent;
}

export class Feed {
  /** Released events, in feed order, waiting for the caller to take them. */
  out: FleetEvent[] = [];
  private held: Held[] = [];
  private seq = 0;
  counts = { duplicate: 0, out_of_order: 0, late: 0 };

  constructor(
    private readonly rng: Rng,
    private readonly shares: FaultShares,
    private readonly onFault?: (f: FaultTruth) => void,
  ) {}

  get heldCount(): number {
    return this.held.length;
  }

  /** A fresh event; fresh events must come in nondecreasing ts. */
  push(e: FleetEvent): void {
    if (this.held.length > 0 && this.held[0].at < e.ts) this.releaseBefore(e.ts);
    const r = this.rng.next();
    const d = this.rng.next();
    const { late, outOfOrder, duplicate } = this.shares;
    let at = e.ts;
    if (e.type === 'location' && r < late) {
      at = e.ts + Math.round(this.rng.range(150_000, 600_000));
      this.fault('late', e, at);
    } else if (r >= late && r < late + outOfOrder) {
      at = e.ts + Math.round(this.rng.range(2_000, 60_000));
      this.fault('out_of_order', e, at);
    }
    if (at === e.ts) this.out.push(e);
    else this.hold(at, e);
    if (d < duplicate) {
      const copyAt = at + Math.round(this.rng.range(0, 5_000));
      this.fault('duplicate', e, copyAt);
      this.hold(copyAt, { ...e });
    }
  }

  /** Releases every held event due at or before `upTo`. */
  release(upTo: number): void {
    while (this.held.length > 0 && this.held[0].at <= upTo) this.out.push(this.popHeld().event);
  }

  /** Releases everything still held. */
  releaseAll(): void {
    while (this.held.length > 0) this.out.push(this.popHeld().event);
  }

  /** Hands over the released events. */
  take(): FleetEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private releaseBefore(ts: number): void {
    while (this.held.length > 0 && this.held[0].at < ts) this.out.push(this.popHeld().event);
  }

  private fault(kind: FaultTruth['fault'], e: FleetEvent, at: number): void {
    if (kind !== 'gps_jump') this.counts[kind]++;
    this.onFault?.({ kind: 'fault', fault: kind, eventId: e.id ?? '', type: e.type, ts: e.ts, arrivalTs: at });
  }

  private hold(at: number, event: FleetEvent): void {
    const h = this.held;
    const item = { at, seq: this.seq++, event };
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = item;
  }

  private popHeld(): Held {
    const h = this.held;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= h.length) break;
        if (c + 1 < h.length && before(h[c + 1], h[c])) c++;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: Held, b: Held): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
