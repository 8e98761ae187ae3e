import { cellToLatLng } from 'h3-js';
import type {
  Alert,
  AlertsBody,
  DeadLettersBody,
  DriverDetail,
  DriversBody,
  DriverSummary,
  EtaAccuracyBody,
  MetricsBody,
  OrderView,
  SeriesBody,
  SeriesPoint,
  ZonesBody,
} from '../../lib/api-types';
import { ETA_DELIVERED_ROWS, ETA_OPEN_ROWS, type EtaDeliveredRow, type EtaFrame, type EtaOpenRow } from '../../lib/live-types';
import { ETA_HORIZONS, groupStats } from './eta-accuracy';
import { hasFix, onlineIntervals, overlapMs, unionIntervals, type DriverRecord } from './drivers';
import { S, W, type Engine } from './engine';
import type { OrderRecord } from './orders';

/** Read-side views of the engine: the bodies of the read API (contract section 3). */

const round = (x: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function clockTs(e: Engine): number {
  return Number.isFinite(e.now) ? e.now : 0;
}

export function driverSummary(e: Engine, d: DriverRecord): DriverSummary {
  const m = e.motion(d);
  const has = hasFix(d);
  return {
    id: d.id,
    name: d.name,
    status: d.status,
    lat: has ? d.lastLat : null,
    lng: has ? d.lastLng : null,
    ts: has ? d.lastTs : null,
    speedKph: m.speedKph,
    heading: m.heading,
    orderId: d.orderId,
  };
}

export function driversBody(e: Engine): DriversBody {
  const drivers: DriverSummary[] = [];
  for (const d of e.drivers.values()) drivers.push(driverSummary(e, d));
  drivers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ts: clockTs(e), drivers };
}

export function orderView(e: Engine, o: OrderRecord): OrderView {
  return {
    id: o.id,
    status: o.status!,
    pickup: o.pickup,
    dropoff: o.dropoff,
    driverId: o.driverId,
    createdTs: o.createdTs,
    assignedTs: o.assignedTs,
    pickedUpTs: o.pickedUpTs,
    deliveredTs: o.deliveredTs,
    cancelledTs: o.cancelledTs,
    promisedTs: o.promisedTs,
    eta: e.orderEta(o),
    etaAtPickupTs: o.etaAtPickupTs,
  };
}

/** An order as the read API shows it; undefined until its created event has applied. */
export function orderBody(e: Engine, id: string): OrderView | undefined {
  const o = e.orders.get(id);
  return o && o.status !== null ? orderView(e, o) : undefined;
}

const RECENT_ORDERS = 20;

export function driverDetail(e: Engine, id: string): DriverDetail | undefined {
  const d = e.drivers.get(id);
  if (!d) return undefined;
  const now = clockTs(e);
  const online = onlineIntervals(d, now);
  const busy: [number, number][] = [];
  const mine: OrderRecord[] = [];
  for (const oid of d.orderIds) {
    const o = e.orders.get(oid);
    if (!o || o.driverId !== d.id || o.assignedTs === null) continue;
    busy.push([o.assignedTs, o.deliveredTs ?? o.cancelledTs ?? now]);
    if (o.status !== null) mine.push(o);
  }
  // Newest assignment first, in event time: `orderIds` is in arrival order.
  mine.sort((a, b) => b.assignedTs! - a.assignedTs! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const orders = mine.slice(0, RECENT_ORDERS).map((o) => orderView(e, o));
  const onlineMs = online.reduce((s, [a, b]) => s + (b - a), 0);
  const busyMs = overlapMs(online, unionIntervals(busy));
  return {
    ...driverSummary(e, d),
    stats: {
      distanceKm: round(d.distanceM / 1000, 3),
      deliveries: d.deliveries,
      onTimeRate: d.promisedDeliveries ? round(d.onTimeDeliveries / d.promisedDeliveries, 3) : null,
      utilization: onlineMs > 0 ? round(busyMs / onlineMs, 3) : null,
      idleMinutes: round((onlineMs - busyMs) / 60_000),
      avgSpeedKph: d.movingMs > 0 ? round((d.distanceM / d.movingMs) * 3600) : null,
    },
    trail: d.trail.toArray(),
    orders,
  };
}

export function metricsBody(e: Engine): MetricsBody {
  const now = clockTs(e);
  const winSecs = e.cfg.windowMs / 1000;
  const w = e.window.sumLast(now, winSecs);
  const minutes = e.cfg.windowMs / 60_000;
  const [errSum, errN] = e.etaErrors.sumLast(now, e.cfg.etaMaeWindowMs / 60_000);
  const c = e.statusCounts;
  return {
    ts: now,
    drivers: { online: c.idle + c.to_pickup + c.to_dropoff, idle: c.idle, busy: c.to_pickup + c.to_dropoff },
    orders: {
      open: e.openOrders,
      unassigned: e.unassignedOrders,
      createdPerMin: round(w[W.created] / minutes, 2),
      deliveredPerMin: round(w[W.delivered] / minutes, 2),
      cancelledPerMin: round(w[W.cancelled] / minutes, 2),
    },
    onTimeRate: w[W.promised] ? round(w[W.onTime] / w[W.promised], 3) : null,
    eta: { maeSeconds: errN ? round(errSum / errN) : null, samples: errN },
    ingest: {
      eventsPerSec: round(w[W.events] / winSecs, 2),
      late: e.counters.late,
      rejected: e.counters.rejected,
      duplicates: e.counters.duplicates,
      deadLetters: e.counters.deadLetters,
      accepted: e.counters.accepted,
    },
  };
}

/** GET /api/eta-accuracy: the scored ETAs of the last 24 hours (whole hours), by horizon. */
export function etaAccuracyBody(e: Engine, windowHours = 24): EtaAccuracyBody {
  const now = clockTs(e);
  const r = e.etaAccuracy.sumLast(now, windowHours);
  return {
    ts: now,
    model: e.eta.name,
    fromTs: e.etaAccuracy.startOf(e.etaAccuracy.bucketOf(now) - windowHours + 1),
    windowHours,
    overall: groupStats(r, 0),
    horizons: ETA_HORIZONS.map((h, i) => ({ ...h, ...groupStats(r, i + 1) })),
  };
}

/** What a recorded day says happened to an order (replay only: the future of the replay clock). */
export interface OrderOutcome {
  pickedUpTs: number | null;
  deliveredTs: number | null;
  cancelledTs: number | null;
}

const byId = (a: { orderId: string }, b: { orderId: string }) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

interface MemoEta {
  driverId: string;
  fixTs: number;
  stop: 'pickup' | 'dropoff';
  eta: ReturnType<Engine['orderEta']>;
}

/**
 * The frame's ETAs of the previous call, per engine: an order's ETA is computed again only when
 * its driver has a newer fix (or it changed driver or stop). A road-model ETA is a route (about
 * 0.15 ms); with thousands of open orders every second that would hold the event loop, while
 * drivers send a fix every few seconds. Kept only for the orders of the last frame.
 */
const etaMemo = new WeakMap<Engine, Map<string, MemoEta>>();

/**
 * The ETA panel's frame: the accuracy body, the open orders' ETAs soonest first (no ETA last) and
 * the newest deliveries with their at-pickup ETA. `outcome` (replay) gives each open order's
 * actual arrival at its next stop from the recorded day; live has none, so `actualTs` is null.
 */
export function etaFrameBody(e: Engine, outcome?: (orderId: string) => OrderOutcome | undefined, openRows = ETA_OPEN_ROWS, deliveredRows = ETA_DELIVERED_ROWS): EtaFrame {
  const open: EtaOpenRow[] = [];
  const before = etaMemo.get(e);
  const memo = new Map<string, MemoEta>();
  etaMemo.set(e, memo);
  for (const d of e.drivers.values()) {
    for (const id of d.active) {
      const o = e.orders.get(id);
      if (!o || !o.driverId) continue;
      const stop = o.status === 'assigned' ? 'pickup' : 'dropoff';
      const fixTs = e.drivers.get(o.driverId)?.lastTs ?? -Infinity;
      const m = before?.get(o.id);
      const eta = m && m.driverId === o.driverId && m.fixTs === fixTs && m.stop === stop ? m.eta : e.orderEta(o);
      memo.set(o.id, { driverId: o.driverId, fixTs, stop, eta });
      const known = outcome?.(o.id);
      const actual = known ? (stop === 'pickup' ? known.pickedUpTs : known.deliveredTs) : null;
      open.push({
        orderId: o.id,
        driverId: o.driverId,
        stop,
        etaTs: eta ? eta.ts : null,
        updatedTs: eta ? eta.updatedTs : null,
        promisedTs: o.promisedTs,
        actualTs: actual,
        cancelledTs: actual === null ? (known?.cancelledTs ?? null) : null,
      });
    }
  }
  open.sort((a, b) => (a.etaTs ?? Infinity) - (b.etaTs ?? Infinity) || byId(a, b));
  // The newest deliveries: a bounded insertion keeps this one pass over the orders.
  const delivered: EtaDeliveredRow[] = [];
  const newer = (a: EtaDeliveredRow, b: EtaDeliveredRow) => b.deliveredTs - a.deliveredTs || byId(a, b);
  for (const o of e.orders.values()) {
    if (o.status !== 'delivered' || o.deliveredTs === null || o.pickedUpTs === null || !o.driverId) continue;
    if (delivered.length >= deliveredRows && o.deliveredTs < delivered[delivered.length - 1].deliveredTs) continue;
    const row: EtaDeliveredRow = { orderId: o.id, driverId: o.driverId, pickedUpTs: o.pickedUpTs, etaAtPickupTs: o.etaAtPickupTs, deliveredTs: o.deliveredTs };
    let i = delivered.length;
    while (i > 0 && newer(row, delivered[i - 1]) < 0) i--;
    if (i >= deliveredRows) continue;
    delivered.splice(i, 0, row);
    if (delivered.length > deliveredRows) delivered.pop();
  }
  return { ts: clockTs(e), accuracy: etaAccuracyBody(e), open: open.slice(0, openRows), delivered };
}

export function zonesBody(e: Engine): ZonesBody {
  return { ts: clockTs(e), resolution: e.cfg.zoneResolution, zones: e.zones.list(e) };
}

export function alertsBody(e: Engine): AlertsBody {
  const now = clockTs(e);
  const alerts: Alert[] = [];
  for (const d of e.drivers.values()) {
    if (d.status !== 'offline' && hasFix(d) && now - d.lastTs > e.cfg.staleDriverMs) {
      const mins = Math.round((now - d.lastTs) / 60_000);
      alerts.push({
        id: `stale_driver:${d.id}`,
        kind: 'stale_driver',
        entityId: d.id,
        since: d.lastTs + e.cfg.staleDriverMs,
        message: `Driver ${d.name ?? d.id} has sent no location for ${mins} min`,
        lat: d.lastLat,
        lng: d.lastLng,
      });
    }
    if (d.lastJumpTs !== null && now - d.lastJumpTs < e.cfg.gpsJumpAlertMs) {
      alerts.push({
        id: `gps_jump:${d.id}`,
        kind: 'gps_jump',
        entityId: d.id,
        since: d.lastJumpTs,
        message: `Driver ${d.name ?? d.id} reported an impossible jump (over ${e.cfg.gpsJumpKph} km/h)`,
        lat: d.lastJumpLat,
        lng: d.lastJumpLng,
      });
    }
  }
  for (const [id, since] of e.atRisk) {
    const o = e.orders.get(id);
    if (!o) continue;
    const eta = e.orderEta(o);
    const late = eta && o.promisedTs !== null ? Math.round((eta.ts - o.promisedTs) / 60_000) : 0;
    const d = o.driverId ? e.drivers.get(o.driverId) : undefined;
    alerts.push({
      id: `order_at_risk:${id}`,
      kind: 'order_at_risk',
      entityId: id,
      since,
      message: `Order ${id} is expected ${late} min after its promised time`,
      lat: d && hasFix(d) ? d.lastLat : (o.pickup?.lat ?? null),
      lng: d && hasFix(d) ? d.lastLng : (o.pickup?.lng ?? null),
    });
  }
  for (const [cell, z] of e.zones.zones) {
    if (z.undersuppliedSince === null) continue;
    const [lat, lng] = cellToLatLng(cell);
    alerts.push({
      id: `undersupplied_zone:${cell}`,
      kind: 'undersupplied_zone',
      entityId: cell,
      since: z.undersuppliedSince,
      message: `Zone ${cell}: ${z.demand} waiting orders, ${z.supply} idle drivers`,
      lat,
      lng,
    });
  }
  alerts.sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : 1));
  return { ts: now, alerts };
}


export function deadLettersBody(e: Engine, limit = 100): DeadLettersBody {
  const items = e.deadLetters.slice(-limit).reverse();
  return { total: e.counters.deadLetters, items };
}

export function seriesBody(e: Engine, fromTs?: number, toTs?: number): SeriesBody {
  const rows = e.series.entries();
  const points: SeriesPoint[] = [];
  if (!rows.length) return { ts: clockTs(e), points };
  const first = Math.max(rows[0][0], fromTs !== undefined ? e.series.bucketOf(fromTs) : -Infinity);
  const last = Math.min(rows[rows.length - 1][0], toTs !== undefined ? e.series.bucketOf(toTs) : Infinity);
  const nowMinute = e.series.bucketOf(clockTs(e));
  const c = e.statusCounts;
  let gauges = [0, 0, 0, 0, 0];
  for (const [m, r] of rows) {
    if (m >= first) break;
    if (r[S.sampled]) gauges = [r[S.online], r[S.idle], r[S.busy], r[S.supply], r[S.demand]];
  }
  for (let m = first; m <= last; m++) {
    const r = e.series.get(m);
    if (r && r[S.sampled]) gauges = [r[S.online], r[S.idle], r[S.busy], r[S.supply], r[S.demand]];
    else if (m === nowMinute) {
      gauges = [c.idle + c.to_pickup + c.to_dropoff, c.idle, c.to_pickup + c.to_dropoff, c.idle, e.unassignedOrders];
    }
    points.push({
      ts: e.series.startOf(m),
      created: r ? r[S.created] : 0,
      delivered: r ? r[S.delivered] : 0,
      cancelled: r ? r[S.cancelled] : 0,
      onTimeRate: r && r[S.promised] ? round(r[S.onTime] / r[S.promised], 3) : null,
      etaMaeSeconds: r && r[S.etaN] ? round(r[S.etaErrSum] / r[S.etaN]) : null,
      events: r ? r[S.events] : 0,
      online: gauges[0],
      idle: gauges[1],
      busy: gauges[2],
      supply: gauges[3],
      demand: gauges[4],
    });
  }
  return { ts: clockTs(e), points };
}
