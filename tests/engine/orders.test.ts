import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { deadLettersBody, orderBody } from '../../server/engine/views';
import { assigned, cancelled, created, D, feed, lifecycle, loc, min, P, pickedUp, sec } from '../support/events';

describe('order body', () => {
  it('shows a created order with its stops and promise', () => {
    const e = feed(new Engine(), [created('o1', sec(0), { promisedTs: min(30) })]);
    expect(orderBody(e, 'o1')).toMatchObject({
      id: 'o1',
      status: 'created',
      pickup: P,
      dropoff: D,
      driverId: null,
      createdTs: sec(0),
      assignedTs: null,
      pickedUpTs: null,
      deliveredTs: null,
      cancelledTs: null,
      promisedTs: min(30),
      eta: null,
    });
  });

  it('records each transition with its ts', () => {
    const e = feed(new Engine(), lifecycle('o1', 'd1', [sec(0), sec(10), sec(20), sec(30)]));
    expect(orderBody(e, 'o1')).toMatchObject({
      status: 'delivered',
      driverId: 'd1',
      createdTs: sec(0),
      assignedTs: sec(10),
      pickedUpTs: sec(20),
      deliveredTs: sec(30),
    });
  });

  it('is undefined (404) for an unknown id', () => {
    expect(orderBody(new Engine(), 'o1')).toBeUndefined();
  });

  it('is undefined while only a later transition has arrived', () => {
    const e = feed(new Engine(), [assigned('o1', sec(10), 'd1')]);
    expect(orderBody(e, 'o1')).toBeUndefined();
  });

  it('a reassignment moves the order to the new driver', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), assigned('o1', sec(10), 'd1'), assigned('o1', sec(20), 'd2')]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'assigned', driverId: 'd2', assignedTs: sec(20) });
  });
});

describe('transitions in ts order', () => {
  it('apply in ts order whatever the arrival order within the lateness', () => {
    const e = feed(new Engine(), lifecycle('o1', 'd1', [sec(0), sec(10), sec(20), sec(30)]).reverse());
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'delivered', createdTs: sec(0), deliveredTs: sec(30) });
  });

  it('an event that arrives before its predecessor waits', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), pickedUp('o1', sec(20))]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'created', pickedUpTs: null });
    expect(deadLettersBody(e).total).toBe(0);
  });

  it('a waiting event applies when the gap fills', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), pickedUp('o1', sec(20)), assigned('o1', sec(10), 'd1')]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'picked_up', assignedTs: sec(10), pickedUpTs: sec(20) });
  });

  it('a waiting event still applies when the gap fills just before the watermark passes it', () => {
    // The clock reaches 2:20, so the watermark is exactly at the waiting event's ts (0:20).
    const e = feed(new Engine(), [
      created('o1', sec(0)),
      pickedUp('o1', sec(20)),
      loc('d9', sec(140), 41.2, -8.6),
      assigned('o1', sec(10), 'd1'),
    ]);
    expect(orderBody(e, 'o1')!.status).toBe('picked_up');
  });

  it('an earlier cancellation that arrives late overrides a later transition', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), assigned('o1', sec(20), 'd1'), cancelled('o1', sec(10))]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'cancelled', cancelledTs: sec(10), driverId: null });
  });
});

describe('cancellation', () => {
  it.each([
    ['created', [created('o1', sec(0))]],
    ['assigned', [created('o1', sec(0)), assigned('o1', sec(10), 'd1')]],
    ['picked_up', [created('o1', sec(0)), assigned('o1', sec(10), 'd1'), pickedUp('o1', sec(20))]],
  ] as const)('applies from %s', (_, events) => {
    const e = feed(new Engine(), [...events, cancelled('o1', sec(30))]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'cancelled', cancelledTs: sec(30) });
  });

  it('does not apply after delivery', () => {
    const e = feed(new Engine(), [...lifecycle('o1', 'd1', [sec(0), sec(10), sec(20), sec(30)]), cancelled('o1', sec(40)), loc('d9', min(3), 41.2, -8.6)]);
    expect(orderBody(e, 'o1')!.status).toBe('delivered');
    expect(deadLettersBody(e).items.map((x) => x.event)).toEqual([cancelled('o1', sec(40))]);
  });
});
