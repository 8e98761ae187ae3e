/**
 * One simulated day of a delivery fleet, as a discrete-event simulation over event time. Pure and
 * deterministic: all randomness comes from seeded streams, time only from the agenda, no I/O. The
 * same settings give the same events, byte for byte, however the day is cut into advanceTo calls.
 *
 * The day (docs/simulator.md has the full story):
 *  - drivers log on for their shifts, drive towards a hot spot, wait, get orders, log off;
 *  - orders appear following the day's demand curve, mostly at hot spots;
 *  - every few seconds a dispatch round gives waiting orders to idle drivers (DispatchPolicy);
 *  - a courier drives to the pickup (shortest travel time under congestion), waits for the food,
 *    drives to the dropoff and hands over; customers cancel when no courier comes or the pickup
 *    runs past the promised time;
 *  - every online driver sends a GPS fix every fixEverySec, with noise;
 *  - the Feed adds duplicates, out-of-order and late events.
 *
 * @example real time
 *   const sim = new DaySimulator({ drivers: 300, date: '2026-11-25' });
 *   setInterval(() => post(sim.advanceTo(Date.now())), 1000);
 */
import type { FleetEvent } from '../../lib/events';
import { generateCity } from '../roads/generate';
import type { RoadGraph } from '../roads/graph';
import { mixSeed, Rng } from '../roads/random';
import { Router, type CongestionFn, type Route } from '../roads/router';
import { Agenda } from './agenda';
import { cityDemandFactor, meanTripSeconds } from './calibrate';
import { rushHourCongestion } from './congestion';
import { defaultHotSpots, HotSpotPicker, OrderClock, placeHotSpots, type PlacedHotSpot } from './demand';
import { AT_DROPOFF, AT_PICKUP, createFleet, Driving, IDLE, OFFLINE, TO_DROPOFF, TO_PICKUP, type SimDriver } from './driver';
import { DispatchDesk } from './desk';
import { nearestIdleByTravelTime } from './dispatch';
import { catchUpEvents, driverEvent, orderEvent } from './emit';
import { Feed } from './feed';
import { GpsSensor } from './gps';
import {
  ORDER_ASSIGNED,
  ORDER_DONE,
  ORDER_PICKED_UP,
  ORDER_WAITING,
  OrderFactory,
  orderTruth,
  type SimOrder,
} from './orders';
import { resolveSettings, type ResolvedSettings, type SimSettings } from './settings';
import { drawShifts } from './shifts';
import { summarize, type SimSummary } from './summary';
import { localMinute, MS_PER_DAY, MS_PER_MINUTE } from './time-of-day';
import type { OrderTruth, TruthRecord } from './truth';
import { FixWheel } from './wheel';

// Agenda entry kinds (GPS fixes run on the FixWheel instead).
const SHIFT_START = 1;
const SHIFT_END = 2;
const WIND_DOWN = 3;
const NEW_ORDER = 4;
const DISPATCH = 5;
const ARRIVE = 6;
const PICKED_UP = 7;
const DELIVERED = 8;
const NO_COURIER = 9;
const LATE_PICKUP = 10;
const DAY_END = 11;

/** No new orders in the last 45 minutes, so the day's deliveries end within the day. */
const LAST_ORDERS_BEFORE_END = 45 * MS_PER_MINUTE;
/** Drivers take no new order in the last 10 minutes of a shift. */
const WIND_DOWN_MS = 10 * MS_PER_MINUTE;
/** Share of cancellations when the pickup has not happened by the promised time. */
const LATE_PICKUP_CANCEL_SHARE = 0.5;

export interface SimHooks {
  /** receives ground truth records as the simulation produces them */
  onTruth?: (record: TruthRecord) => void;
}

export class DaySimulator {
  readonly settings: ResolvedSettings;
  readonly graph: RoadGraph;
  readonly router: Router;
  readonly hotSpots: PlacedHotSpot[];
  /** demand relative to the default city's (see calibrate.ts): 1 on the generated city */
  readonly demandFactor: number;
  /** UTC midnight of the day */
  readonly startTs: number;
  /** the next midnight: nothing happens at or after it */
  readonly endTs: number;
  private readonly agenda = new Agenda();
  private readonly feed: Feed;
  private readonly drivers: SimDriver[] = [];
  private readonly orders = new Map<number, SimOrder>();
  private readonly desk: DispatchDesk;
  private readonly rng: Rng;
  private readonly gps: GpsSensor;
  private readonly driving: Driving;
  private readonly clock: OrderClock;
  private readonly factory: OrderFactory;
  private readonly congestion: CongestionFn;
  private readonly onTruth?: (r: TruthRecord) => void;
  private clockTs: number;
  /** who sends the next GPS fix, when; agenda entries go first at equal times (a log-on precedes its first fix) */
  private readonly wheel: FixWheel;
  private stats = { delivered: 0, cancelled: 0, onTime: 0, events: 0, locations: 0, driversWorked: 0 };

  constructor(settings: Partial<SimSettings> = {}, hooks: SimHooks = {}) {
    const s = (this.settings = resolveSettings(settings));
    this.startTs = s.dayStart;
    this.endTs = s.dayStart + MS_PER_DAY;
    this.clockTs = this.startTs;
    this.onTruth = hooks.onTruth;
    this.graph = s.city ?? generateCity(s.seed);
    this.router = new Router(this.graph);
    this.congestion = s.congestion ?? rushHourCongestion(s.utcOffsetMin);
    const day = Math.floor(this.startTs / MS_PER_DAY);
    // Independent streams, so e.g. changing the share of duplicates leaves the day itself alone.
    this.rng = new Rng(mixSeed(s.seed, day), 1);
    this.gps = new GpsSensor(new Rng(mixSeed(s.seed, day), 2), s.gpsNoiseM, s.gpsJumpShare);
    this.feed = new Feed(
      new Rng(mixSeed(s.seed, day), 3),
      { duplicate: s.duplicateShare, outOfOrder: s.outOfOrderShare, late: s.lateShare },
      this.onTruth,
    );
    const spots = s.hotSpots ?? defaultHotSpots(this.graph, new Rng(s.seed, 4));
    this.hotSpots = placeHotSpots(this.graph, this.router, spots);
    this.driving = new Driving(this.graph, this.router, this.congestion, this.rng, this.hotSpots);
    const picker = new HotSpotPicker(this.hotSpots);
    this.factory = new OrderFactory(this.graph, picker, s, this.startTs);
    this.desk = new DispatchDesk(
      this.graph,
      this.router,
      s.dispatch ?? nearestIdleByTravelTime(),
      this.congestion,
      s.drivers,
      (i, now) => this.driving.poolPlace(this.drivers[i], now),
    );
    // The default city is the reference; another city's demand is sized to its trip times.
    this.demandFactor = s.city
      ? cityDemandFactor(meanTripSeconds(this.router, this.factory, new Rng(s.seed, 8)))
      : 1;
    const ordersPerDay = s.drivers * s.ordersPerDriver * s.demandScale * this.demandFactor;
    this.clock = new OrderClock(
      new Rng(mixSeed(s.seed, day), 5),
      this.startTs,
      this.endTs - LAST_ORDERS_BEFORE_END,
      ordersPerDay,
      s.utcOffsetMin,
    );
    this.createFleet(day);
    this.wheel = new FixWheel(
      this.drivers.map((d) => d.phaseMs),
      this.startTs,
      s.fixEverySec * 1000,
      this.endTs,
    );
    this.scheduleOrder();
    this.agenda.schedule(this.startTs, DISPATCH);
    this.agenda.schedule(this.endTs - 1, DAY_END);
  }

  /** The simulation clock: every event with ts up to it has been produced. */
  get now(): number {
    return this.clockTs;
  }

  /** True once the day is over and every held event has been released. */
  get done(): boolean {
    return this.agenda.size === 0 && this.wheel.nextTs === Infinity && this.feed.heldCount === 0;
  }

  /**
   * Runs the day up to `ts` (inclusive) and returns the events the feed delivered by then, in feed
   * order: event-time order except for the feed's deliberate faults. Calling with a ts at or before
   * the clock returns what was released since the last call (usually nothing).
   */
  advanceTo(ts: number): FleetEvent[] {
    const { agenda, wheel } = this;
    for (;;) {
      const next = agenda.peekTs();
      if (next <= wheel.nextTs) {
        if (next > ts) break;
        agenda.pop();
        const { ts: at, kind, a, b } = agenda.popped;
        this.clockTs = at;
        this.handle(kind, a, b);
      } else {
        if (wheel.nextTs > ts) break;
        this.clockTs = wheel.nextTs;
        this.onFix(this.drivers[wheel.driver]);
        wheel.advance();
      }
    }
    if (ts > this.clockTs) this.clockTs = Math.min(ts, Math.max(this.endTs, this.clockTs));
    this.feed.release(ts);
    return this.take();
  }

  /** Runs the rest of the day and returns every event still to come, held ones included. */
  finish(): FleetEvent[] {
    const out = this.advanceTo(this.endTs);
    this.feed.releaseAll();
    const rest = this.take();
    for (const e of rest) out.push(e);
    return out;
  }

  /**
   * Runs the day up to `ts` without keeping its events (a live demo that starts mid-day). Follow
   * with catchUpEvents() so that a consumer that saw nothing knows the fleet as it is now.
   */
  skipTo(ts: number): void {
    for (let t = Math.min(this.clockTs + 60_000, ts); ; t = Math.min(t + 60_000, ts)) {
      this.advanceTo(t);
      if (t >= ts) break;
    }
  }

  /**
   * The events, with their original ids and times, that bring a consumer up to the state at the
   * clock: each online driver's log-on and last fix, and the events so far of every open order.
   * Ids match what the feed sent (or would have sent), so a consumer that did see some of them
   * counts the rest as duplicates. Sorted by ts.
   */
  catchUpEvents(): FleetEvent[] {
    return catchUpEvents(this.drivers, this.orders.values());
  }

  summary(): SimSummary {
    const f = this.feed.counts;
    return summarize(this.drivers, this.clockTs, {
      startTs: this.startTs,
      endTs: this.endTs,
      orders: this.factory.created,
      open: this.orders.size,
      ...this.stats,
      faults: { duplicate: f.duplicate, out_of_order: f.out_of_order, late: f.late, gps_jump: this.gps.jumps },
    });
  }

  private take(): FleetEvent[] {
    const out = this.feed.take();
    this.stats.events += out.length;
    return out;
  }

  private createFleet(day: number): void {
    const s = this.settings;
    const drivers = createFleet(s.seed, s.drivers, s.fixEverySec, this.graph.nodeCount, (rng) =>
      drawShifts(rng, this.startTs, s.utcOffsetMin),
      new Rng(mixSeed(s.seed, day), 7),
    );
    for (const d of drivers) {
      this.drivers.push(d);
      d.shifts.forEach((sh, k) => this.agenda.schedule(sh.start, SHIFT_START, d.index, k));
      this.onTruth?.({ kind: 'shift', driverId: d.id, name: d.name, shifts: d.shifts.map((x) => ({ ...x })) });
    }
  }

  private handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case SHIFT_START:
        return this.onShiftStart(this.drivers[a], b);
      case SHIFT_END:
        return this.onShiftEnd(this.drivers[a], b);
      case WIND_DOWN:
        return this.onWindDown(this.drivers[a], b);
      case NEW_ORDER:
        return this.onNewOrder();
      case DISPATCH:
        return this.onDispatch();
      case ARRIVE:
        return this.onArrive(this.drivers[a], b);
      case PICKED_UP:
        return this.onPickedUp(this.drivers[a], b);
      case DELIVERED:
        return this.onDelivered(this.drivers[a], b);
      case NO_COURIER:
        return this.onNoCourier(a);
      case LATE_PICKUP:
        return this.onLatePickup(a);
      case DAY_END:
        return this.onDayEnd();
    }
  }

  private emit(e: FleetEvent): void {
    this.feed.push(e);
  }

  // ---------------------------------------------------------------- drivers

  private onShiftStart(d: SimDriver, k: number): void {
    const now = this.clockTs;
    const shift = d.shifts[k];
    d.windingDown = false;
    d.endAfterJob = false;
    if (shift.end - WIND_DOWN_MS > now) this.agenda.schedule(shift.end - WIND_DOWN_MS, WIND_DOWN, d.index, k);
    this.agenda.schedule(shift.end, SHIFT_END, d.index, k);
    if (d.state !== OFFLINE) return; // still finishing the last job of the previous shift
    d.state = IDLE;
    d.onlineSince = now;
    if (!d.everOnline) {
      d.everOnline = true;
      this.stats.driversWorked++;
    }
    d.onlineEvent = driverEvent(d.id, now, true, d.name);
    d.lastFix = null;
    this.emit(d.onlineEvent);
    this.becomeIdle(d);
  }

  private onWindDown(d: SimDriver, k: number): void {
    if (d.state === OFFLINE || d.shifts[k].end - WIND_DOWN_MS !== this.clockTs) return;
    d.windingDown = true;
    this.desk.driverGone(d.index);
  }

  private onShiftEnd(d: SimDriver, k: number): void {
    if (d.state === OFFLINE || d.shifts[k].end !== this.clockTs) return;
    if (d.state === IDLE) this.goOffline(d);
    else d.endAfterJob = true;
  }

  private goOffline(d: SimDriver): void {
    const now = this.clockTs;
    this.driving.stop(d, now);
    this.emit(driverEvent(d.id, now, false, d.name));
    d.onlineMs += now - d.onlineSince;
    d.state = OFFLINE;
    d.version++;
    d.windingDown = false;
    d.endAfterJob = false;
    this.desk.driverGone(d.index);
  }

  private onFix(d: SimDriver): void {
    if (d.state === OFFLINE) return;
    const now = this.clockTs;
    const p = this.driving.locate(d, now);
    const event = this.gps.fix(d.id, now, p);
    if (this.gps.jumped) {
      this.onTruth?.({ kind: 'fault', fault: 'gps_jump', eventId: event.id!, type: 'location', ts: now, arrivalTs: now });
    }
    this.stats.locations++;
    d.lastFix = event;
    this.emit(event);
    if (this.settings.truthPositions && this.onTruth) {
      this.onTruth({
        kind: 'position',
        driverId: d.id,
        ts: now,
        lat: p.lat,
        lng: p.lng,
        speedKph: p.speedKph,
        heading: p.heading,
        edge: p.edge,
        odoM: p.odoM,
      });
    }
  }

  /** Sends the driver on its way (see Driving.driveTo) and books its arrival. */
  private drive(d: SimDriver, target: number | null, route?: Route | null): void {
    const arrival = this.driving.driveTo(d, this.clockTs, target, route);
    this.agenda.schedule(Math.ceil(arrival), ARRIVE, d.index, d.version);
  }

  /** The driver has no order: into the pool (unless going home), maybe towards a hot spot. */
  private becomeIdle(d: SimDriver): void {
    d.state = IDLE;
    d.order = null;
    const arrival = this.driving.reposition(d, this.clockTs);
    if (arrival !== null) this.agenda.schedule(Math.ceil(arrival), ARRIVE, d.index, d.version);
    // Moving (towards a hot spot, or released mid-road): its pool place follows it.
    if (!d.windingDown) this.desk.driverFree(d.index, this.clockTs, d.plan !== null);
  }

  // ---------------------------------------------------------------- orders

  private scheduleOrder(): void {
    const t = this.clock.next();
    if (t < Infinity) this.agenda.schedule(t, NEW_ORDER);
  }

  private onNewOrder(): void {
    const now = this.clockTs;
    const o = this.factory.create(this.rng, now, localMinute(now, this.settings.utcOffsetMin) / 60);
    this.orders.set(o.index, o);
    this.desk.addOrder(o);
    this.emit(
      orderEvent(o.id, now, 'created', { pickup: o.pickup, dropoff: o.dropoff, promisedTs: o.promisedTs }),
    );
    this.agenda.schedule(o.patienceTs, NO_COURIER, o.index);
    this.scheduleOrder();
  }

  private onDispatch(): void {
    const now = this.clockTs;
    this.desk.round(now, (o, driver, route) => this.assign(o, this.drivers[driver], route));
    const next = now + this.settings.dispatchEverySec * 1000;
    if (next < this.endTs - 1) this.agenda.schedule(next, DISPATCH);
  }

  private assign(o: SimOrder, d: SimDriver, route?: Route | null): void {
    const now = this.clockTs;
    o.state = ORDER_ASSIGNED;
    o.driver = d.index;
    o.assignedTs = now;
    this.emit(orderEvent(o.id, now, 'assigned', { driverId: d.id }));
    d.state = TO_PICKUP;
    d.order = o;
    d.busySince = now;
    this.drive(d, o.pickupNode, route);
    if (o.promisedTs > now) this.agenda.schedule(o.promisedTs, LATE_PICKUP, o.index);
  }

  private onArrive(d: SimDriver, version: number): void {
    if (d.version !== version || d.state === OFFLINE) return;
    const now = this.clockTs;
    this.driving.park(d);
    const o = d.order;
    if (d.state === TO_PICKUP && o) {
      o.pickupArrivalTs = now;
      this.onTruth?.({ kind: 'arrival', orderId: o.id, driverId: d.id, stop: 'pickup', ts: now });
      d.state = AT_PICKUP;
      const handover = Math.round(this.rng.range(20_000, 60_000));
      this.agenda.schedule(Math.max(now, o.readyTs) + handover, PICKED_UP, d.index, d.version);
    } else if (d.state === TO_DROPOFF && o) {
      o.dropoffArrivalTs = now;
      this.onTruth?.({ kind: 'arrival', orderId: o.id, driverId: d.id, stop: 'dropoff', ts: now });
      d.state = AT_DROPOFF;
      this.agenda.schedule(now + Math.round(this.rng.range(30_000, 90_000)), DELIVERED, d.index, d.version);
    } else if (d.state === IDLE) {
      this.desk.driverParked(d.index, d.node);
    }
  }

  private onPickedUp(d: SimDriver, version: number): void {
    const o = d.order;
    if (d.version !== version || d.state !== AT_PICKUP || !o) return;
    const now = this.clockTs;
    o.state = ORDER_PICKED_UP;
    o.pickedUpTs = now;
    this.emit(orderEvent(o.id, now, 'picked_up', { driverId: d.id }));
    d.state = TO_DROPOFF;
    this.drive(d, o.dropoffNode);
    o.tripMetres = d.plan!.metres;
  }

  private onDelivered(d: SimDriver, version: number): void {
    const o = d.order;
    if (d.version !== version || d.state !== AT_DROPOFF || !o) return;
    const now = this.clockTs;
    this.emit(orderEvent(o.id, now, 'delivered', { driverId: d.id }));
    this.stats.delivered++;
    if (now <= o.promisedTs) this.stats.onTime++;
    this.closeOrder(o, now, null);
    this.release(d);
  }

  /** The driver is done with its order: log off if the shift is over, else idle. */
  private release(d: SimDriver): void {
    d.busyMs += this.clockTs - d.busySince;
    d.order = null;
    if (d.endAfterJob) this.goOffline(d);
    else this.becomeIdle(d);
  }

  private onNoCourier(index: number): void {
    const o = this.orders.get(index);
    if (o && o.state === ORDER_WAITING) this.cancel(o, 'unassigned_too_long');
  }

  private onLatePickup(index: number): void {
    const o = this.orders.get(index);
    if (!o || o.state !== ORDER_ASSIGNED || !this.rng.chance(LATE_PICKUP_CANCEL_SHARE)) return;
    this.cancel(o, 'pickup_too_late');
  }

  private cancel(o: SimOrder, reason: NonNullable<OrderTruth['cancelReason']>): void {
    const now = this.clockTs;
    const d = o.driver >= 0 ? this.drivers[o.driver] : null;
    this.emit(orderEvent(o.id, now, 'cancelled', d ? { driverId: d.id } : {}));
    this.stats.cancelled++;
    this.closeOrder(o, null, now, reason);
    if (d && d.order === o) {
      // Stop where the driver is: finish the current piece of road (or drop the pending pickup).
      if (d.plan) this.drive(d, null);
      else d.version++;
      this.release(d);
    }
  }

  private closeOrder(
    o: SimOrder,
    deliveredTs: number | null,
    cancelledTs: number | null,
    reason: OrderTruth['cancelReason'] = null,
  ): void {
    o.state = ORDER_DONE;
    this.orders.delete(o.index);
    const driverId = o.driver >= 0 ? this.drivers[o.driver].id : null;
    this.onTruth?.(orderTruth(o, driverId, deliveredTs, cancelledTs, reason));
  }

  /** Just before midnight: whatever is still open is cancelled and everyone logs off. */
  private onDayEnd(): void {
    for (const o of [...this.orders.values()]) this.cancel(o, 'day_end');
    for (const d of this.drivers) if (d.state !== OFFLINE) this.goOffline(d);
  }
}
