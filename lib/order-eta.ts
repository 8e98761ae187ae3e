/**
 * How an order's ETA compares with what happened: the drop-off time predicted at pickup
 * (`etaAtPickupTs`), the prediction now (`eta`, while the order is open), the delivery, the error
 * in minutes (positive: later than predicted) and whether the promise was kept.
 */
import type { OrderView } from './api-types';

export type Punctuality = 'on_time' | 'late' | 'at_risk' | null;

export interface OrderEtaRow {
  predictedTs: number | null;
  /** the current prediction while the order is open, with the stop it is for */
  currentEta: { stop: 'pickup' | 'dropoff'; ts: number } | null;
  actualTs: number | null;
  /** (actual - predicted at pickup) in minutes; null until both are known */
  errorMin: number | null;
  /**
   * delivered by its promise (on_time) or after it (late); open and already past its promise, or
   * predicted to arrive after it (at_risk); null without a promise or once cancelled
   */
  punctuality: Punctuality;
}

export function orderEtaRow(o: OrderView, nowTs: number): OrderEtaRow {
  const actualTs = o.deliveredTs;
  const predictedTs = o.etaAtPickupTs;
  const errorMin = actualTs !== null && predictedTs !== null ? Math.round(((actualTs - predictedTs) / 60_000) * 10) / 10 : null;
  let punctuality: Punctuality = null;
  if (o.promisedTs !== null && o.cancelledTs === null) {
    if (actualTs !== null) punctuality = actualTs <= o.promisedTs ? 'on_time' : 'late';
    else if (nowTs > o.promisedTs || (o.eta?.stop === 'dropoff' && o.eta.ts > o.promisedTs)) punctuality = 'at_risk';
  }
  return { predictedTs, currentEta: o.eta ? { stop: o.eta.stop, ts: o.eta.ts } : null, actualTs, errorMin, punctuality };
}
