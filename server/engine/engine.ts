import type { DriverEvent, FleetEvent, LocationEvent, OrderEvent } from '../../lib/events';
import { haversineM } from '../../lib/geo';
import type { DriverStatus, Eta } from '../../lib/api-types';
import { CellIndex } from './cells';
import { engineConfig, type EngineConfig } from './config';
import {
  derivedMotion,
  hasFix,
  insertStatusEvent,
  isJump,
  isOnline,
  newDriver,
  recentKph,
  type DriverRecord,
} from './drivers';
import { straightLineEta, type EtaModel, type EtaStep } from './eta';
import { ETA_ACCURACY_BUCKET_MS, ETA_ACCURACY_WIDTH } from './eta-accuracy';
import { IdDedup } from './id-dedup';
import { MinHeap } from './min-heap';
import {
  deadLetterReason,
  foldOrder,
  hasEntry,
  insertEntry,
  isActive,
  isOpen,
  orderEntries,
  type OrderRecord,
} from './orders';
import { S, SERIES_WIDTH, W } from './aggregate-layout';
import { applyContribution, orderContribution } from './order-contributions';
import { TimeBuckets } from './time-buckets';
import { ZoneSpeed } from './zone-speed';
import { ZoneTracker } from './zones';

export type IngestOutcome = 'accepted' | 'duplicate';

export { S, W } from './aggregate-layout';

/** Not a valid id (it has spaces), so it never collides with a producer's id. */
function lateFixKey(ev: LocationEvent): string {
  return `location ${ev.driverId} ${ev.ts}`;
}

export interface DeadLetterRecord {
  ts: number;
  reason: string;
  event: FleetEvent;
}


/**
 * The streaming engine: events in, state out. Pure: no I/O, no timers, no wall clock. Its clock
 * is the greatest event time seen (`now`); the watermark trails it by the allowed lateness.
 */
export class Engine {
  readonly cfg: EngineConfig;
  readonly eta: EtaModel;
  /** the step handed to the ETA model, refilled for each step */
  private readonly stepScratch: EtaStep = { driverId: '', fromTs: 0, fromLat: 0, fromLng: 0, toTs: 0, toLat: 0, toLng: 0, metres: 0 };
  readonly cells: CellIndex;

  now = -Infinity;
  nextTick = -Infinity;
  drivers = new Map<string, DriverRecord>();
  orders = new Map<string, OrderRecord>();
  statusCounts: Record<DriverStatus, number> = { offline: 0, idle: 0, to_pickup: 0, to_dropoff: 0 };
  openOrders = 0;
  unassignedOrders = 0;
  counters = { accepted: 0, duplicates: 0, late: 0, rejected: 0, deadLetters: 0 };
  deadLetters: DeadLetterRecord[] = [];
  ids: IdDedup;
  window = new TimeBuckets(1000, 6);
  etaErrors = new TimeBuckets(60_000, 2);
  /** the at-pickup ETAs scored on delivery, by hour and horizon (eta-accuracy.ts) */
  etaAccuracy = new TimeBuckets(ETA_ACCURACY_BUCKET_MS, ETA_ACCURACY_WIDTH);
  series = new TimeBuckets(60_000, SERIES_WIDTH);
  zoneSpeed = new ZoneSpeed();
  zones: ZoneTracker;
  /** orders with an event waiting for its predecessor, keyed by the waiting event's ts */
  blockedHeap = new MinHeap<string>();
  /** orders whose at-pickup ETA is captured once the watermark passes the pickup */
  pickupHeap = new MinHeap<string>();
  /** terminal orders, keyed by their end, forgotten after the retention */
  retireHeap = new MinHeap<string>();
  /** open order-at-risk alerts: order id -> since */
  atRisk = new Map<string, number>();
  /**
   * Drivers whose shown state changed since the last drain (for live push), each marked on its
   * record so that noting a change touches nothing but the record already in hand.
   */
  private changed: DriverRecord[] = [];

  constructor(config: Partial<EngineConfig> = {}, eta: EtaModel = straightLineEta()) {
    this.cfg = engineConfig(config);
    this.eta = eta;
    this.cells = new CellIndex(this.cfg.zoneResolution);
    this.ids = new IdDedup(this.cfg.dedupHorizonMs, this.cfg.dedupMaxIds);
    this.zones = new ZoneTracker(this.cfg);
  }

  get watermark(): number {
    return this.now - this.cfg.allowedLatenessMs;
  }

  // ---------------------------------------------------------------- ingest

  /** True when applying the event would change nothing: its id or its contract key was seen. */
  isDuplicate(ev: FleetEvent): boolean {
    if (ev.id !== undefined) return this.ids.has(ev.id);
    switch (ev.type) {
      case 'location': {
        const d = this.drivers.get(ev.driverId);
        return !!d && (d.lastTs === ev.ts || d.trail.indexOf(ev.ts) >= 0 || (ev.ts < this.watermark && this.ids.has(lateFixKey(ev))));
      }
      case 'driver': {
        const d = this.drivers.get(ev.driverId);
        const on = ev.status === 'online' ? 1 : 0;
        return !!d && d.statusEvents.some(([ts, s]) => ts === ev.ts && s === on);
      }
      case 'order': {
        const o = this.orders.get(ev.orderId);
        return !!o && (hasEntry(orderEntries(o), ev.ts, ev.status) || o.dead.includes(`${ev.ts}|${ev.status}`));
      }
    }
  }

  /** Applies one validated event. */
  ingest(ev: FleetEvent): IngestOutcome {
    // With an id, the id alone decides, and checking and remembering it is one step.
    if (ev.id !== undefined ? !this.ids.addIfNew(ev.id, ev.ts) : this.isDuplicate(ev)) {
      this.counters.duplicates++;
      return 'duplicate';
    }
    const late = ev.ts < this.watermark;
    // A late fix stays out of the trail, so its contract key is remembered with the ids.
    if (late && ev.type === 'location') this.ids.add(lateFixKey(ev), ev.ts);
    this.counters.accepted++;
    if (late) this.counters.late++;
    else this.window.add(ev.ts, W.events, 1);
    this.series.add(ev.ts, S.events, 1);
    if (ev.ts > this.now) this.advanceClock(ev.ts);
    switch (ev.type) {
      case 'location':
        this.applyLocation(ev, late);
        break;
      case 'driver':
        this.applyDriver(ev);
        break;
      case 'order':
        this.applyOrder(ev, late);
        break;
    }
    return 'accepted';
  }

  /** Counts events refused at the door (they never reach `ingest`). */
  countRejected(n: number): void {
    this.counters.rejected += n;
  }

  /** Drivers changed since the last call, each once, in the order they first changed. */
  drainChanged(): string[] {
    // Each driver is listed once (its mark says it is in the list), so the ids are distinct.
    const ids: string[] = new Array(this.changed.length);
    for (let i = 0; i < ids.length; i++) {
      const d = this.changed[i];
      d.changedMark = false;
      ids[i] = d.id;
    }
    this.changed = [];
    return ids;
  }

  private noteChanged(d: DriverRecord): void {
    if (d.changedMark) return;
    d.changedMark = true;
    this.changed.push(d);
  }

  // ---------------------------------------------------------------- clock

  private advanceClock(ts: number): void {
    const tick = this.cfg.tickMs;
    if (this.nextTick === -Infinity) this.nextTick = Math.floor(ts / tick) * tick + tick;
    // Ticks see the state just before the event that crosses them, as a sorted run would.
    if (ts >= this.nextTick) {
      const boundary = Math.floor(ts / tick) * tick;
      const prevTick = this.nextTick - tick;
      this.now = Math.max(this.now, boundary);
      // Work due by the boundary is done before the tick, as it would be in a dense stream.
      this.drainWatermark();
      this.onTick(boundary, prevTick);
      this.nextTick = boundary + tick;
    }
    this.now = ts;
    this.drainWatermark();
  }

  /**
   * One evaluation at `at`; the previous one was at `prev`. A quiet stretch can jump the clock
   * over several boundaries at once: every minute boundary crossed is treated as passed.
   */
  private onTick(at: number, prev: number): void {
    this.zones.tick(this, at, prev);
    this.trackAtRisk(at);
    const firstMinute = (Math.floor(prev / 60_000) + 1) * 60_000;
    const lastMinute = Math.floor(at / 60_000) * 60_000;
    // The minute the clock was in ends with the state as it is now; so do the quiet minutes
    // after it, which the series carries forward from that sample.
    if (firstMinute <= at) this.sampleSeries(firstMinute);
    if (lastMinute > firstMinute) this.sampleSeries(lastMinute);
    this.retireOrders(at);
    this.ids.prune(at);
    if (Math.floor(at / 600_000) > Math.floor(prev / 600_000)) {
      // Cut-offs from the 10-minute boundary crossed, not from the tick that crossed it: which tick
      // that is depends on arrival order, and a stale driver's ETA still reads old zone speeds.
      const block = Math.floor(at / 600_000) * 600_000;
      this.zoneSpeed.prune(block - 20 * 60_000);
      this.window.pruneBefore(block - this.cfg.windowMs - this.cfg.allowedLatenessMs - 60_000);
      this.etaErrors.pruneBefore(block - this.cfg.etaMaeWindowMs - this.cfg.allowedLatenessMs - 60_000);
      this.series.pruneBefore(block - this.cfg.seriesRetentionMs);
      this.etaAccuracy.pruneBefore(block - 26 * 3_600_000);
    }
  }

  /** Opens and closes order-at-risk alerts: an active order whose ETA passes its promise. */
  private trackAtRisk(at: number): void {
    const still = new Set<string>();
    for (const d of this.drivers.values()) {
      if (!d.active.size) continue;
      for (const id of d.active) {
        const o = this.orders.get(id)!;
        if (o.promisedTs === null) continue;
        const eta = this.orderEta(o);
        if (eta && eta.ts > o.promisedTs) {
          still.add(id);
          if (!this.atRisk.has(id)) this.atRisk.set(id, at);
        }
      }
    }
    for (const id of this.atRisk.keys()) if (!still.has(id)) this.atRisk.delete(id);
  }

  /** The live ETA of an assigned or picked-up order, from its driver's newest fix. */
  orderEta(o: OrderRecord): Eta | null {
    if (!isActive(o.status) || !o.driverId) return null;
    const d = this.drivers.get(o.driverId);
    const stop = o.status === 'assigned' ? 'pickup' : 'dropoff';
    const to = stop === 'pickup' ? o.pickup : o.dropoff;
    if (!d || !hasFix(d) || !to) return null;
    const from = { lat: d.lastLat, lng: d.lastLng };
    const at = d.lastTs;
    const travel = this.eta.travelMs({
      from,
      to,
      atTs: at,
      driverKph: this.driverKph(d, at),
      zoneKph: this.zoneSpeed.kphBefore(this.cells.exactNear(d, from.lat, from.lng), at),
      driverId: d.id,
    });
    return { stop, ts: at + travel, updatedTs: at };
  }

  /** Gauges of the minute that just ended, stored on that minute's row. */
  private sampleSeries(at: number): void {
    const minute = at - 60_000;
    const c = this.statusCounts;
    this.series.set(minute, S.online, c.idle + c.to_pickup + c.to_dropoff);
    this.series.set(minute, S.idle, c.idle);
    this.series.set(minute, S.busy, c.to_pickup + c.to_dropoff);
    this.series.set(minute, S.supply, c.idle);
    this.series.set(minute, S.demand, this.unassignedOrders);
    this.series.set(minute, S.sampled, 1);
  }

  /** Work that waits for the watermark: dead letters and at-pickup ETAs. */
  private drainWatermark(): void {
    const wm = this.watermark;
    while (this.blockedHeap.peekKey() < wm) {
      const id = this.blockedHeap.pop()!;
      const o = this.orders.get(id);
      if (!o || o.blocked < 0 || orderEntries(o)[o.blocked].ts >= wm) continue;
      this.deadLetterBlocked(o);
    }
    while (this.pickupHeap.peekKey() < wm) {
      const id = this.pickupHeap.pop()!;
      const o = this.orders.get(id);
      if (o && o.pickedUpTs !== null && o.pickedUpTs < wm && o.etaAtPickupTs === null) this.capturePickupEta(o);
    }
  }

  // ---------------------------------------------------------------- drivers

  /** The driver's record, created (offline) on first mention. */
  driver(id: string): DriverRecord {
    let d = this.drivers.get(id);
    if (!d) {
      d = newDriver(id);
      this.drivers.set(id, d);
      this.statusCounts.offline++;
    }
    return d;
  }

  private applyLocation(ev: LocationEvent, late: boolean): void {
    const d = this.driver(ev.driverId);
    const first = d.firstFixTs === null;
    if (first || ev.ts < d.firstFixTs!) d.firstFixTs = ev.ts;
    // Late fixes still move the driver when newest, but stay out of trail, distance and speeds.
    if (!late) this.addTrailPoint(d, ev.ts, ev.lat, ev.lng);
    if (ev.ts > d.lastTs) {
      d.lastTs = ev.ts;
      d.lastLat = ev.lat;
      d.lastLng = ev.lng;
      d.lastSpeedKph = ev.speedKph ?? NaN;
      d.lastHeading = ev.heading ?? NaN;
      this.noteChanged(d);
    }
    // Only the first fix can change the status (it brings a driver with no driver event online).
    if (first) this.refreshDriver(d);
  }

  private addTrailPoint(d: DriverRecord, ts: number, lat: number, lng: number): void {
    const t = d.trail;
    const i = t.insert(ts, lat, lng);
    if (i < 0) return;
    const n = t.length;
    if (i > 0 && i < n - 1) this.step(d, i - 1, i + 1, -1);
    if (i > 0) this.step(d, i - 1, i, 1);
    if (i < n - 1) this.step(d, i, i + 1, 1);
    if (i < n - 1 || (i > 0 && d.lastJumpTs !== null && t.ts(i - 1) === d.lastJumpTs)) this.recomputeLastJump(d);
    t.trimBefore(t.lastTs() - this.cfg.trailMs);
  }

  /** Adds (sign 1) or withdraws (sign -1) what the step between trail points a and b contributes. */
  private step(d: DriverRecord, a: number, b: number, sign: 1 | -1): void {
    const t = d.trail;
    const ms = t.ts(b) - t.ts(a);
    const lat = t.lat(b);
    const lng = t.lng(b);
    const m = haversineM(t.lat(a), t.lng(a), lat, lng);
    if (isJump(m, ms, this.cfg)) {
      if (sign > 0 && (d.lastJumpTs === null || t.ts(b) > d.lastJumpTs)) {
        d.lastJumpTs = t.ts(b);
        d.lastJumpLat = lat;
        d.lastJumpLng = lng;
      }
      return;
    }
    if (ms > this.cfg.maxStepGapMs) return;
    d.distanceM += sign * m;
    d.movingMs += sign * ms;
    this.zoneSpeed.addStep(this.cells.exactNear(d, lat, lng), t.ts(b), m, ms, sign);
    if (this.eta.observeStep) {
      // One object refilled per step (the model reads it and keeps nothing): no garbage per fix.
      const s = this.stepScratch;
      s.driverId = d.id;
      s.fromTs = t.ts(a);
      s.fromLat = t.lat(a);
      s.fromLng = t.lng(a);
      s.toTs = t.ts(b);
      s.toLat = lat;
      s.toLng = lng;
      s.metres = m;
      this.eta.observeStep(s, sign);
    }
  }

  private recomputeLastJump(d: DriverRecord): void {
    const t = d.trail;
    d.lastJumpTs = null;
    for (let i = t.length - 1; i >= 1; i--) {
      const ms = t.ts(i) - t.ts(i - 1);
      if (isJump(haversineM(t.lat(i - 1), t.lng(i - 1), t.lat(i), t.lng(i)), ms, this.cfg)) {
        d.lastJumpTs = t.ts(i);
        d.lastJumpLat = t.lat(i);
        d.lastJumpLng = t.lng(i);
        return;
      }
    }
  }

  private applyDriver(ev: DriverEvent): void {
    const d = this.driver(ev.driverId);
    insertStatusEvent(d, ev.ts, ev.status === 'online' ? 1 : 0);
    if (ev.name !== undefined && ev.ts >= d.nameTs) {
      d.name = ev.name;
      d.nameTs = ev.ts;
    }
    this.noteChanged(d);
    this.refreshDriver(d);
  }

  /** Re-derives status and current order; keeps the counts in step. */
  refreshDriver(d: DriverRecord): void {
    let status: DriverStatus;
    let orderId: string | null = null;
    if (!isOnline(d)) status = 'offline';
    else if (!d.active.size) status = 'idle';
    else {
      // The order served now: a picked-up one before an assigned one, the earliest first.
      let best: OrderRecord | null = null;
      for (const id of d.active) {
        const o = this.orders.get(id)!;
        if (!best) best = o;
        else {
          const op = o.status === 'picked_up';
          const bp = best.status === 'picked_up';
          const ok = op ? o.pickedUpTs! : o.assignedTs!;
          const bk = bp ? best.pickedUpTs! : best.assignedTs!;
          if ((op && !bp) || (op === bp && (ok < bk || (ok === bk && o.id < best.id)))) best = o;
        }
      }
      orderId = best!.id;
      status = best!.status === 'picked_up' ? 'to_dropoff' : 'to_pickup';
    }
    if (status === d.status && orderId === d.orderId) return;
    this.statusCounts[d.status]--;
    this.statusCounts[status]++;
    d.status = status;
    d.orderId = orderId;
    this.noteChanged(d);
  }

  /** The driver's speed over the last five minutes before `ts`. */
  driverKph(d: DriverRecord, ts: number): number | null {
    return recentKph(d.trail, ts, 5 * 60_000, this.cfg);
  }

  motion(d: DriverRecord) {
    return derivedMotion(d, this.cfg);
  }

  // ---------------------------------------------------------------- orders

  private order(id: string): OrderRecord {
    let o = this.orders.get(id);
    if (!o) {
      o = { id, entries: [], rows: null, dead: [], pickupCell: null, etaAtPickupTs: null, ...foldOrder([]) };
      this.orders.set(id, o);
    }
    return o;
  }

  private applyOrder(ev: OrderEvent, late: boolean): void {
    const o = this.order(ev.orderId);
    const entries = orderEntries(o);
    if (hasEntry(entries, ev.ts, ev.status)) return; // same key, another id: nothing new
    insertEntry(entries, { ts: ev.ts, status: ev.status, late, event: ev });
    this.refold(o);
    this.drainWatermark();
  }

  /** Folds the order again and moves its contribution from the old state to the new one. */
  private refold(o: OrderRecord): void {
    const before = orderContribution(o);
    const beforeDriver = o.driverId;
    const beforePickup = o.pickedUpTs;
    const beforeCell = o.pickup;
    Object.assign(o, foldOrder(orderEntries(o)));
    if (o.pickup !== beforeCell) o.pickupCell = o.pickup ? this.cells.exact(o.pickup.lat, o.pickup.lng) : null;
    // An ETA captured for a pickup that a late event moved no longer describes this order.
    if (o.pickedUpTs !== beforePickup) o.etaAtPickupTs = null;
    const after = orderContribution(o);
    applyContribution(this, o, before, -1);
    applyContribution(this, o, after, 1);
    if (o.blocked >= 0) this.blockedHeap.push(orderEntries(o)[o.blocked].ts, o.id);
    if (o.pickedUpTs !== null && o.etaAtPickupTs === null) this.pickupHeap.push(o.pickedUpTs, o.id);
    if (o.status === 'delivered' || o.status === 'cancelled') {
      this.retireHeap.push((o.deliveredTs ?? o.cancelledTs)!, o.id);
    }
    if (o.driverId) {
      const d = this.driver(o.driverId);
      if (!d.orderIds.includes(o.id)) d.orderIds.push(o.id);
    }
    const touched = new Set([before.driverId, after.driverId, beforeDriver, o.driverId]);
    for (const id of touched) if (id) this.refreshDriver(this.driver(id));
  }

  private deadLetterBlocked(o: OrderRecord): void {
    const [entry] = orderEntries(o).splice(o.blocked, 1);
    o.dead.push(`${entry.ts}|${entry.status}`);
    const reason = deadLetterReason(o.id, o.status, entry.status);
    this.counters.deadLetters++;
    this.deadLetters.push({ ts: entry.ts, reason, event: entry.event });
    if (this.deadLetters.length > this.cfg.deadLetterListMax) this.deadLetters.shift();
    this.refold(o);
  }

  /**
   * The drop-off ETA as it could have been given at pickup: only fixes and zone speeds up to the
   * pickup time are used, and it runs once the watermark guarantees all of them have arrived.
   */
  private capturePickupEta(o: OrderRecord): void {
    if (!o.dropoff || !o.driverId) return;
    const at = o.pickedUpTs!;
    const d = this.drivers.get(o.driverId);
    let from = o.pickup;
    if (d) {
      const i = d.trail.lowerBound(at + 1) - 1;
      if (i >= 0 && at - d.trail.ts(i) <= 5 * 60_000) from = { lat: d.trail.lat(i), lng: d.trail.lng(i) };
    }
    if (!from) return;
    const travel = this.eta.travelMs({
      from,
      to: o.dropoff,
      atTs: at,
      driverKph: d ? this.driverKph(d, at) : null,
      zoneKph: this.zoneSpeed.kphBefore(this.cells.exact(from.lat, from.lng), at),
      driverId: o.driverId,
    });
    const before = orderContribution(o);
    o.etaAtPickupTs = at + travel;
    applyContribution(this, o, before, -1);
    applyContribution(this, o, orderContribution(o), 1);
  }

  /** Forgets terminal orders past the retention. */
  private retireOrders(at: number): void {
    const limit = at - this.cfg.orderRetentionMs;
    while (this.retireHeap.peekKey() < limit) {
      const id = this.retireHeap.pop()!;
      const o = this.orders.get(id);
      if (!o || isOpen(o.status) || (o.deliveredTs ?? o.cancelledTs ?? Infinity) >= limit) continue;
      this.orders.delete(id);
      for (const [, d] of o.driverId ? [[o.driverId, this.drivers.get(o.driverId)] as const] : []) {
        if (d) d.orderIds = d.orderIds.filter((x) => x !== id);
      }
    }
  }
}
