import type { BBox } from '../../lib/geo';
import type { VehiclesFrame } from '../../lib/live-types';
import type { Engine } from '../engine/engine';
import { allVehicles, visible, type VehicleCache } from './vehicle-frames';

/** The part of a Socket.IO socket a feed needs (so the feed can be tested without a network). */
export interface FeedSocket {
  emit(event: 'vehicles', frame: VehiclesFrame): unknown;
  /** packets queued by engine.io and not yet handed to the network */
  pendingPackets(): number;
}

/** Above this many queued packets a client is "slow": it gets nothing until it drains. */
export const SLOW_CLIENT_PACKETS = 8;

/**
 * What one client has been shown of the fleet, and what it still has to be shown. Changes are
 * kept as a set of driver ids, not as frames: a slow client's backlog is at most one entry per
 * driver, and when it drains it gets the newest state of each (or a full frame), never a queue.
 */
export class ClientFeed {
  viewport: BBox | null = null;
  /** ids the client currently shows (within its viewport) */
  private readonly shown = new Set<string>();
  private readonly pending = new Set<string>();
  private needFull = true;
  readonly watched = new Set<string>();

  constructor(
    readonly socket: FeedSocket,
    private readonly maxPending: number,
  ) {}

  setViewport(box: BBox | null): void {
    this.viewport = box;
    this.needFull = true;
  }

  /** Remembers which drivers changed since the client's last frame. */
  noteChanges(changed: Iterable<string>): void {
    if (this.needFull) return;
    for (const id of changed) this.pending.add(id);
    // A backlog as large as the fleet is cheaper to send as one full frame.
    if (this.pending.size > this.maxPending) this.requestFull();
  }

  requestFull(): void {
    this.needFull = true;
    this.pending.clear();
  }

  get slow(): boolean {
    return this.socket.pendingPackets() > SLOW_CLIENT_PACKETS;
  }

  /**
   * True when the client needs a frame of its own this tick: a full one, one filtered by its
   * viewport, or the backlog it built up while it was slow.
   */
  get individual(): boolean {
    return this.needFull || this.viewport !== null || this.pending.size > 0;
  }

  /** Sends what is due, unless the client is still busy with earlier frames. */
  flush(engine: Engine, cache: VehicleCache): boolean {
    if (this.slow) return false;
    let frame: VehiclesFrame;
    if (this.needFull) {
      const upserts = allVehicles(engine, cache, this.viewport);
      this.shown.clear();
      for (const v of upserts) this.shown.add(v.id);
      frame = { ts: clock(engine), full: true, upserts, removed: [] };
      this.needFull = false;
    } else {
      if (!this.pending.size) return false;
      frame = { ts: clock(engine), full: false, upserts: [], removed: [] };
      for (const id of this.pending) {
        const v = cache.get(id);
        if (visible(v, this.viewport)) {
          frame.upserts.push(v);
          this.shown.add(id);
        } else if (this.shown.delete(id)) frame.removed.push(id);
      }
      if (!frame.upserts.length && !frame.removed.length) {
        this.pending.clear();
        return false;
      }
    }
    this.pending.clear();
    this.socket.emit('vehicles', frame);
    return true;
  }

  /**
   * For clients that share the broadcast delta (no viewport): keep `shown` in step with what the
   * shared frame told them.
   */
  applyShared(frame: VehiclesFrame): void {
    for (const v of frame.upserts) this.shown.add(v.id);
    for (const id of frame.removed) this.shown.delete(id);
    this.pending.clear();
  }
}

export function clock(engine: Engine): number {
  return Number.isFinite(engine.now) ? engine.now : 0;
}
