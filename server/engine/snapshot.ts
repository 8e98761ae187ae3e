import type { DriverStatus } from '../../lib/api-types';
import type { OrderEvent } from '../../lib/events';
import type { EngineConfig } from './config';
import type { DriverRecord } from './drivers';
import { Engine, type DeadLetterRecord } from './engine';
import type { EtaModel } from './eta';
import { MinHeap } from './min-heap';
import { encodeOrderEntry, type OrderEntryRow } from './order-entry-codec';
import { foldOrder, orderEntryOf, type OrderEntry, type OrderRecord } from './orders';
import { Trail } from './trail';

/**
 * The whole engine state as plain JSON. `restoreEngine(snapshotEngine(e))` followed by the events
 * after the snapshot gives exactly the state of an engine that never stopped.
 */
export interface EngineSnapshot {
  /** 3 keeps each order's events as rows (order-entry-codec.ts); 2, as objects, still restores */
  version: 2 | 3;
  now: number | null;
  nextTick: number | null;
  drivers: DriverSnapshot[];
  orders: OrderSnapshot[];
  statusCounts: Record<DriverStatus, number>;
  openOrders: number;
  unassignedOrders: number;
  counters: Engine['counters'];
  deadLetters: DeadLetterRecord[];
  ids: ReturnType<Engine['ids']['toJSON']>;
  window: [number, number[]][];
  etaErrors: [number, number[]][];
  series: [number, number[]][];
  zoneSpeed: ReturnType<Engine['zoneSpeed']['toJSON']>;
  zones: ReturnType<Engine['zones']['toJSON']>;
  /** heaps as MinHeap.toJSON keeps them (key, order id, flat); older snapshots: [key, order id] pairs */
  blockedHeap: HeapJson;
  pickupHeap: HeapJson;
  retireHeap: HeapJson;
  atRisk: [string, number][];
  /** the scored ETAs by hour and horizon (absent in snapshots of older releases) */
  etaAccuracy?: [number, number[]][];
  /** what the ETA model learned (absent for models without state, e.g. the straight line) */
  eta?: unknown;
}

type HeapJson = (number | string)[] | [number, string][];

type DriverSnapshot = Omit<DriverRecord, 'trail' | 'active' | 'nameTs' | 'lastTs' | 'lastSpeedKph' | 'lastHeading' | 'cellGeom' | 'changedMark'> & {
  nameTs: number | null;
  lastTs: number | null;
  lastSpeedKph: number | null;
  lastHeading: number | null;
  trail: number[];
  active: string[];
};

interface OrderSnapshot {
  id: string;
  /** the accepted events, in order (version 3) */
  rows?: OrderEntryRow[];
  /** version 2: [late as 0 or 1, the event] */
  entries?: [number, OrderEvent][];
  dead: string[];
  pickupCell: string | null;
  etaAtPickupTs: number | null;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function snapshotEngine(e: Engine): EngineSnapshot {
  return {
    version: 3,
    now: fin(e.now),
    nextTick: fin(e.nextTick),
    drivers: [...e.drivers.values()].map((d) => {
      const { trail, active, nameTs, cellGeom: _cache, changedMark: _mark, ...rest } = d;
      return { ...rest, lastTs: fin(rest.lastTs), lastSpeedKph: fin(rest.lastSpeedKph), lastHeading: fin(rest.lastHeading), statusEvents: rest.statusEvents.map((x) => [x[0], x[1]]), orderIds: [...rest.orderIds], nameTs: fin(nameTs), trail: trail.toJSON(), active: [...active] };
    }),
    orders: [...e.orders.values()].map((o) => ({
      id: o.id,
      // An order restored and never touched since keeps the rows it was restored from.
      rows: o.entries ? o.entries.map((x) => encodeOrderEntry(x.late, x.event)) : o.rows!,
      dead: [...o.dead],
      pickupCell: o.pickupCell,
      etaAtPickupTs: o.etaAtPickupTs,
    })),
    statusCounts: { ...e.statusCounts },
    openOrders: e.openOrders,
    unassignedOrders: e.unassignedOrders,
    counters: { ...e.counters },
    deadLetters: e.deadLetters.map((x) => ({ ...x })),
    ids: e.ids.toJSON(),
    window: e.window.toJSON(),
    etaErrors: e.etaErrors.toJSON(),
    series: e.series.toJSON(),
    zoneSpeed: e.zoneSpeed.toJSON(),
    zones: e.zones.toJSON(),
    blockedHeap: e.blockedHeap.toJSON(),
    pickupHeap: e.pickupHeap.toJSON(),
    retireHeap: e.retireHeap.toJSON(),
    atRisk: [...e.atRisk.entries()],
    etaAccuracy: e.etaAccuracy.toJSON(),
    ...(e.eta.toJSON ? { eta: e.eta.toJSON() } : {}),
  };
}

export function restoreEngine(s: EngineSnapshot, config: Partial<EngineConfig> = {}, eta?: EtaModel): Engine {
  if (s.version !== 2 && s.version !== 3) throw new Error(`snapshot version ${String(s.version)} is not supported`);
  const e = new Engine(config, eta);
  e.now = s.now ?? -Infinity;
  e.nextTick = s.nextTick ?? -Infinity;
  for (const d of s.drivers) {
    e.drivers.set(d.id, {
      ...d,
      statusEvents: d.statusEvents.map((x) => [x[0], x[1]] as [number, number]),
      orderIds: [...d.orderIds],
      nameTs: d.nameTs ?? -Infinity,
      lastTs: d.lastTs ?? -Infinity,
      lastSpeedKph: d.lastSpeedKph ?? NaN,
      lastHeading: d.lastHeading ?? NaN,
      trail: Trail.fromJSON(d.trail),
      active: new Set(d.active),
      cellGeom: null,
      changedMark: false,
    });
  }
  for (const o of s.orders) {
    // Version 3 keeps the rows, folded through entries that die young (see orderEntries).
    const entries: OrderEntry[] = o.rows
      ? o.rows.map((row) => orderEntryOf(o.id, row))
      : o.entries!.map(([late, event]) => ({ ts: event.ts, status: event.status, late: late === 1, event }));
    const rec: OrderRecord = {
      id: o.id,
      entries: o.rows ? null : entries,
      rows: o.rows ?? null,
      dead: [...o.dead],
      pickupCell: o.pickupCell,
      ...foldOrder(entries),
      etaAtPickupTs: o.etaAtPickupTs,
    };
    e.orders.set(o.id, rec);
  }
  e.statusCounts = { ...s.statusCounts };
  e.openOrders = s.openOrders;
  e.unassignedOrders = s.unassignedOrders;
  e.counters = { ...s.counters };
  e.deadLetters = s.deadLetters.map((x) => ({ ...x }));
  e.ids.load(s.ids);
  e.window.load(s.window);
  e.etaErrors.load(s.etaErrors);
  e.series.load(s.series);
  e.zoneSpeed.load(s.zoneSpeed);
  e.zones.load(s.zones);
  e.blockedHeap = MinHeap.fromJSON(s.blockedHeap);
  e.pickupHeap = MinHeap.fromJSON(s.pickupHeap);
  e.retireHeap = MinHeap.fromJSON(s.retireHeap);
  e.atRisk = new Map(s.atRisk);
  if (s.etaAccuracy) e.etaAccuracy.load(s.etaAccuracy);
  if (s.eta !== undefined) e.eta.load?.(s.eta);
  return e;
}
