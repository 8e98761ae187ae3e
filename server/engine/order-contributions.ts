import { S, W } from './aggregate-layout';
import { addEtaSample } from './eta-accuracy';
import type { Engine } from './engine';
import { isActive, isOpen, type OrderRecord } from './orders';

/** What an order contributes to aggregates; applied with +1 and withdrawn with -1 on refold. */
export interface Contribution {
  status: OrderRecord['status'];
  driverId: string | null;
  pickupCell: string | null;
  createdTs: number | null;
  createdLate: boolean;
  deliveredTs: number | null;
  deliveredLate: boolean;
  /** the driver credited with the delivery (the one the order was assigned to when delivered) */
  deliveredBy: string | null;
  cancelledTs: number | null;
  cancelledLate: boolean;
  promisedTs: number | null;
  pickedUpTs: number | null;
  etaAtPickupTs: number | null;
}

/** What the order's folded state contributes now. */
export function orderContribution(o: OrderRecord): Contribution {
  return {
    status: o.status,
    driverId: isActive(o.status) ? o.driverId : null,
    pickupCell: o.status === 'created' ? o.pickupCell : null,
    createdTs: o.createdTs,
    createdLate: o.createdLate,
    deliveredTs: o.deliveredTs,
    deliveredLate: o.deliveredLate,
    deliveredBy: o.deliveredTs !== null ? o.driverId : null,
    cancelledTs: o.cancelledTs,
    cancelledLate: o.cancelledLate,
    promisedTs: o.promisedTs,
    pickedUpTs: o.pickedUpTs,
    etaAtPickupTs: o.etaAtPickupTs,
  };
}

/** Adds (sign 1) or withdraws (sign -1) a contribution to the engine's aggregates. */
export function applyContribution(e: Engine, o: OrderRecord, c: Contribution, sign: 1 | -1): void {
  if (c.status === null) return;
  if (isOpen(c.status)) e.openOrders += sign;
  if (c.status === 'created') {
    e.unassignedOrders += sign;
    if (c.pickupCell) e.zones.addDemand(c.pickupCell, sign);
  }
  if (c.driverId) {
    const d = e.driver(c.driverId);
    if (sign > 0) d.active.add(o.id);
    else d.active.delete(o.id);
  }
  if (c.createdTs !== null) {
    e.series.add(c.createdTs, S.created, sign);
    if (!c.createdLate) e.window.add(c.createdTs, W.created, sign);
  }
  if (c.cancelledTs !== null) {
    e.series.add(c.cancelledTs, S.cancelled, sign);
    if (!c.cancelledLate) e.window.add(c.cancelledTs, W.cancelled, sign);
  }
  if (c.deliveredTs !== null) {
    const t = c.deliveredTs;
    const promised = c.promisedTs !== null;
    const onTime = promised && t <= c.promisedTs! ? 1 : 0;
    e.series.add(t, S.delivered, sign);
    if (promised) {
      e.series.add(t, S.promised, sign);
      e.series.add(t, S.onTime, sign * onTime);
    }
    if (!c.deliveredLate) {
      e.window.add(t, W.delivered, sign);
      if (promised) {
        e.window.add(t, W.promised, sign);
        e.window.add(t, W.onTime, sign * onTime);
      }
    }
    // The contribution's own driver, not the order's current one: a late reassignment refolds
    // the order, and the withdrawal must leave the driver that was credited before.
    if (c.deliveredBy) {
      const d = e.driver(c.deliveredBy);
      d.deliveries += sign;
      if (promised) {
        d.promisedDeliveries += sign;
        d.onTimeDeliveries += sign * onTime;
      }
    }
    if (c.etaAtPickupTs !== null) {
      const err = Math.abs(t - c.etaAtPickupTs) / 1000;
      e.series.add(t, S.etaErrSum, sign * err);
      e.series.add(t, S.etaN, sign);
      if (!c.deliveredLate) {
        e.etaErrors.add(t, 0, sign * err);
        e.etaErrors.add(t, 1, sign);
        if (c.pickedUpTs !== null) addEtaSample(e.etaAccuracy, t, t - c.pickedUpTs, (t - c.etaAtPickupTs) / 1000, sign);
      }
    }
  }
}
