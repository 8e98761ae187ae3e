import type { LatLng, OrderEvent, OrderStatus } from '../../lib/events';
import { decodeOrderEntry, type OrderEntryRow } from './order-entry-codec';

/** One accepted order event, kept so the order can be folded again when a late one arrives. */
export interface OrderEntry {
  ts: number;
  status: OrderStatus;
  late: boolean;
  event: OrderEvent;
}

/** The state an order's events fold to, in event-time order. */
export interface OrderState {
  status: OrderStatus | null;
  pickup: LatLng | null;
  dropoff: LatLng | null;
  driverId: string | null;
  createdTs: number | null;
  assignedTs: number | null;
  pickedUpTs: number | null;
  deliveredTs: number | null;
  cancelledTs: number | null;
  promisedTs: number | null;
  createdLate: boolean;
  deliveredLate: boolean;
  cancelledLate: boolean;
  /** index in `entries` of the first event that cannot apply yet, or -1 */
  blocked: number;
}

export interface OrderRecord extends OrderState {
  id: string;
  /**
   * accepted events sorted by ts (then by arrival); null in an order restored from a snapshot until
   * first needed (see orderEntries), while `rows` holds them as the snapshot did
   */
  entries: OrderEntry[] | null;
  rows: OrderEntryRow[] | null;
  /** `${ts}|${status}` of events that went to the dead-letter record (for de-duplication) */
  dead: string[];
  pickupCell: string | null;
  /** the drop-off arrival predicted as of the pickup, once captured */
  etaAtPickupTs: number | null;
}

const NEXT: Record<OrderStatus | 'none', readonly OrderStatus[]> = {
  none: ['created'],
  created: ['assigned', 'cancelled'],
  // `assigned` again while assigned is a reassignment to another driver.
  assigned: ['assigned', 'picked_up', 'cancelled'],
  picked_up: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};

export function canApply(current: OrderStatus | null, next: OrderStatus): boolean {
  return NEXT[current ?? 'none'].includes(next);
}

export function isOpen(status: OrderStatus | null): boolean {
  return status === 'created' || status === 'assigned' || status === 'picked_up';
}

export function isActive(status: OrderStatus | null): boolean {
  return status === 'assigned' || status === 'picked_up';
}

/** Why an event that cannot apply is being given up on. */
export function deadLetterReason(orderId: string, current: OrderStatus | null, next: OrderStatus): string {
  if (current === null) {
    return `order ${orderId}: ${next} has no created event before it within the allowed lateness`;
  }
  if (current === 'delivered' || current === 'cancelled') {
    return `order ${orderId}: ${next} cannot apply, the order is already ${current}`;
  }
  if (next === 'created') return `order ${orderId}: created twice`;
  return `order ${orderId}: cannot go from ${current} to ${next} (a step is missing within the allowed lateness)`;
}

export function emptyOrderState(): OrderState {
  return {
    status: null,
    pickup: null,
    dropoff: null,
    driverId: null,
    createdTs: null,
    assignedTs: null,
    pickedUpTs: null,
    deliveredTs: null,
    cancelledTs: null,
    promisedTs: null,
    createdLate: false,
    deliveredLate: false,
    cancelledLate: false,
    blocked: -1,
  };
}

/**
 * The order's entries. A restored order keeps its snapshot rows and makes them entries only when
 * something needs them (a late event for it, a dead letter, a snapshot of it after that): of a
 * day's orders, nearly all are closed and never touched again, and a replay seek that restored
 * every one of them as event objects spent much of its time collecting them.
 */
export function orderEntries(o: OrderRecord): OrderEntry[] {
  if (o.entries === null) {
    o.entries = o.rows!.map((row) => orderEntryOf(o.id, row));
    o.rows = null;
  }
  return o.entries;
}

/** A snapshot row as an entry. */
export function orderEntryOf(orderId: string, row: OrderEntryRow): OrderEntry {
  const { late, event } = decodeOrderEntry(orderId, row);
  return { ts: event.ts, status: event.status, late, event };
}

/** Folds sorted entries from scratch; stops at the first one that cannot apply. Pure. */
export function foldOrder(entries: readonly OrderEntry[]): OrderState {
  const s = emptyOrderState();
  for (let i = 0; i < entries.length; i++) {
    const { status, event, late, ts } = entries[i];
    if (!canApply(s.status, status)) {
      s.blocked = i;
      break;
    }
    s.status = status;
    if (event.promisedTs !== undefined) s.promisedTs = event.promisedTs;
    switch (status) {
      case 'created':
        s.createdTs = ts;
        s.createdLate = late;
        s.pickup = event.pickup ?? null;
        s.dropoff = event.dropoff ?? null;
        break;
      case 'assigned':
        s.assignedTs = ts;
        s.driverId = event.driverId ?? s.driverId;
        break;
      case 'picked_up':
        s.pickedUpTs = ts;
        break;
      case 'delivered':
        s.deliveredTs = ts;
        s.deliveredLate = late;
        break;
      case 'cancelled':
        s.cancelledTs = ts;
        s.cancelledLate = late;
        break;
    }
    if (event.pickup && status !== 'created') s.pickup = event.pickup;
    if (event.dropoff && status !== 'created') s.dropoff = event.dropoff;
  }
  return s;
}

const RANK: Record<OrderStatus, number> = {
  created: 0,
  assigned: 1,
  picked_up: 2,
  delivered: 3,
  cancelled: 4,
};

/** Event-time order of entries; equal timestamps are ordered by lifecycle, never by arrival. */
export function compareEntries(a: OrderEntry, b: OrderEntry): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.status !== b.status) return RANK[a.status] - RANK[b.status];
  const da = a.event.driverId ?? '';
  const db = b.event.driverId ?? '';
  return da < db ? -1 : da > db ? 1 : 0;
}

/** True when an entry with the same ts and status is there: the contract's duplicate key. */
export function hasEntry(entries: readonly OrderEntry[], ts: number, status: OrderStatus): boolean {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.ts === ts && e.status === status) return true;
    if (e.ts < ts) break;
  }
  return false;
}

/** Inserts an entry in event-time order. */
export function insertEntry(entries: OrderEntry[], entry: OrderEntry): void {
  let i = entries.length;
  while (i > 0 && compareEntries(entries[i - 1], entry) > 0) i--;
  entries.splice(i, 0, entry);
}
