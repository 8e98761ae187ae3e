import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../lib/events';
import { decodeOrderEntry, encodeOrderEntry } from '../../server/engine/order-entry-codec';
import { validated } from '../support/events';

/** An event of order o-7 at ts 1,000 as the engine is given it (validated). */
const order = (raw: Record<string, unknown>) => validated<OrderEvent>({ type: 'order', orderId: 'o-7', ts: 1_000, ...raw });

const P = { lat: 41.15, lng: -8.61 };
const D = { lat: 0, lng: -8.6 };

describe('order entry rows (snapshot version 3)', () => {
  const shapes: [string, Record<string, unknown>][] = [
    ['a created event with points and a promised time', { status: 'created', pickup: P, dropoff: D, promisedTs: 9_000 }],
    ['an assignment', { status: 'assigned', driverId: 'd-1' }],
    ['a bare status', { status: 'delivered' }],
    ['an id of the form <orderId>.<status>', { status: 'picked_up', id: 'o-7.picked_up', driverId: 'd-1' }],
    ['an id of any other form', { status: 'cancelled', id: 'evt-42' }],
    ['a later event that moves only the drop-off', { status: 'assigned', driverId: 'd-2', dropoff: P }],
  ];
  for (const [name, raw] of shapes) {
    it(`gives back ${name} exactly, keys in the same order`, () => {
      const ev = order(raw);
      for (const late of [false, true]) {
        const row = JSON.parse(JSON.stringify(encodeOrderEntry(late, ev)));
        const back = decodeOrderEntry('o-7', row);
        expect(back.late).toBe(late);
        expect(JSON.stringify(back.event)).toBe(JSON.stringify(ev));
      }
    });
  }

  it('keeps a row short: the usual id as 1, nothing for absent trailing fields', () => {
    expect(encodeOrderEntry(false, order({ status: 'delivered', id: 'o-7.delivered' }))).toEqual([0, 1_000, 3, 1]);
    expect(encodeOrderEntry(true, order({ status: 'delivered' }))).toEqual([1, 1_000, 3, 0]);
  });

  it('refuses a status code it does not know, naming the order', () => {
    expect(() => decodeOrderEntry('o-7', [0, 1_000, 9, 0])).toThrow('order o-7: status code 9 is not known');
  });
});
