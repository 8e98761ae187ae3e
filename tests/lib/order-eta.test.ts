import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../lib/api-types';
import { orderEtaRow } from '../../lib/order-eta';

const M = 60_000;
const o = (over: Partial<OrderView>): OrderView => ({
  id: 'o', status: 'assigned', pickup: null, dropoff: null, driverId: 'd', createdTs: 0, assignedTs: M, pickedUpTs: null,
  deliveredTs: null, cancelledTs: null, promisedTs: null, eta: null, etaAtPickupTs: null, ...over,
});

describe('orderEtaRow', () => {
  it('delivered after the prediction: positive error, late against its promise', () => {
    const r = orderEtaRow(o({ status: 'delivered', pickedUpTs: 5 * M, etaAtPickupTs: 20 * M, deliveredTs: 23 * M, promisedTs: 22 * M }), 30 * M);
    expect(r).toMatchObject({ predictedTs: 20 * M, actualTs: 23 * M, errorMin: 3, punctuality: 'late', currentEta: null });
  });

  it('delivered early: negative error, on time', () => {
    const r = orderEtaRow(o({ status: 'delivered', etaAtPickupTs: 20 * M, deliveredTs: 18.5 * M, promisedTs: 25 * M }), 30 * M);
    expect(r.errorMin).toBe(-1.5);
    expect(r.punctuality).toBe('on_time');
  });

  it('open: the current ETA, at risk once it passes the promise or the promise passed', () => {
    const open = o({ status: 'picked_up', eta: { stop: 'dropoff', ts: 26 * M, updatedTs: 10 * M }, promisedTs: 25 * M });
    expect(orderEtaRow(open, 10 * M)).toMatchObject({ currentEta: { stop: 'dropoff', ts: 26 * M }, punctuality: 'at_risk', errorMin: null });
    expect(orderEtaRow({ ...open, eta: { stop: 'dropoff', ts: 20 * M, updatedTs: 10 * M } }, 10 * M).punctuality).toBeNull();
    expect(orderEtaRow({ ...open, eta: null }, 26 * M).punctuality).toBe('at_risk');
  });

  it('no promise, or cancelled: no punctuality', () => {
    expect(orderEtaRow(o({ status: 'delivered', deliveredTs: 5 * M }), 9 * M).punctuality).toBeNull();
    expect(orderEtaRow(o({ status: 'cancelled', cancelledTs: 5 * M, promisedTs: 4 * M }), 9 * M).punctuality).toBeNull();
  });
});
