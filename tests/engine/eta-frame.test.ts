import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { etaAccuracyBody, etaFrameBody, orderBody, type OrderOutcome } from '../../server/engine/views';
import { assigned, created, delivered, feed, loc, min, P, pickedUp, sec } from '../support/events';

/*
 * Three drivers with open orders at different distances (so different ETAs), one driver without
 * a fix, a created-only order, and three orders delivered at 5, 6 and 7 minutes.
 */
function engine(): Engine {
  return feed(new Engine(), [
    // near: 0.002 degrees north of P; mid: 0.006; far: 0.012 (ETAs to P grow with the distance)
    loc('near', sec(0), P.lat + 0.002, P.lng),
    loc('mid', sec(0), P.lat + 0.006, P.lng),
    loc('far', sec(0), P.lat + 0.012, P.lng),
    created('o-far', sec(1)),
    assigned('o-far', sec(2), 'far'),
    created('o-near', sec(1)),
    assigned('o-near', sec(2), 'near'),
    created('o-mid', sec(1)),
    assigned('o-mid', sec(2), 'mid'),
    // picked up by 'quiet', who has never sent a fix: no ETA
    created('o-quiet', sec(1)),
    assigned('o-quiet', sec(2), 'quiet'),
    pickedUp('o-quiet', sec(3)),
    created('o-waiting', sec(1)),
    // three trips of driver 'trip', delivered at 5, 6 and 7 minutes
    ...[5, 6, 7].flatMap((m) => [
      created(`d${m}`, min(m) - 120_000),
      assigned(`d${m}`, min(m) - 110_000, 'trip'),
      loc('trip', min(m) - 60_000, P.lat, P.lng),
      pickedUp(`d${m}`, min(m) - 60_000),
      delivered(`d${m}`, min(m)),
    ]),
    // a clock far enough on for the watermark to pass every pickup (the at-pickup ETAs are captured)
    loc('clock', min(12), 41.3, -8.7),
  ]);
}

describe('etaFrameBody: the ETA panel frame', () => {
  it('lists the assigned and picked-up orders soonest first, with the ETA the read API gives', () => {
    const e = engine();
    const frame = etaFrameBody(e);
    expect(frame.open.map((r) => r.orderId)).toEqual(['o-near', 'o-mid', 'o-far', 'o-quiet']);
    const near = frame.open[0];
    const eta = orderBody(e, 'o-near')!.eta!;
    expect(near).toEqual({ orderId: 'o-near', driverId: 'near', stop: 'pickup', etaTs: eta.ts, updatedTs: eta.updatedTs, promisedTs: null, actualTs: null, cancelledTs: null });
    // A driver without a fix gives no ETA: listed last, to the drop-off it is heading for.
    expect(frame.open[3]).toMatchObject({ orderId: 'o-quiet', stop: 'dropoff', etaTs: null, updatedTs: null });
    expect(frame.ts).toBe(min(12));
    expect(frame.accuracy).toEqual(etaAccuracyBody(e));
  });

  it('keeps at most the given number of rows: the soonest open orders, the newest deliveries', () => {
    const frame = etaFrameBody(engine(), undefined, 2, 2);
    expect(frame.open.map((r) => r.orderId)).toEqual(['o-near', 'o-mid']);
    expect(frame.delivered.map((r) => r.orderId)).toEqual(['d7', 'd6']);
  });

  it('lists deliveries newest first with the drop-off ETA captured at the pickup', () => {
    const e = engine();
    const frame = etaFrameBody(e);
    expect(frame.delivered.map((r) => r.orderId)).toEqual(['d7', 'd6', 'd5']);
    const d7 = frame.delivered[0];
    expect(d7).toEqual({ orderId: 'd7', driverId: 'trip', pickedUpTs: min(6), etaAtPickupTs: orderBody(e, 'd7')!.etaAtPickupTs, deliveredTs: min(7) });
    expect(d7.etaAtPickupTs).toBeGreaterThan(min(6));
    // The same deliveries are what the accuracy scores.
    expect(frame.accuracy.overall.samples).toBe(3);
  });

  it('live: no actual arrival is known; replay: the recorded pickup or delivery of the next stop, or the cancellation', () => {
    const e = engine();
    expect(etaFrameBody(e).open.every((r) => r.actualTs === null && r.cancelledTs === null)).toBe(true);
    const recorded: Record<string, OrderOutcome> = {
      'o-near': { pickedUpTs: min(14), deliveredTs: min(30), cancelledTs: null },
      'o-quiet': { pickedUpTs: sec(3), deliveredTs: min(20), cancelledTs: null },
      'o-mid': { pickedUpTs: null, deliveredTs: null, cancelledTs: min(13) },
    };
    const rows = etaFrameBody(e, (id) => recorded[id]).open;
    const byId = Object.fromEntries(rows.map((r) => [r.orderId, r]));
    expect(byId['o-near']).toMatchObject({ stop: 'pickup', actualTs: min(14), cancelledTs: null });
    expect(byId['o-quiet']).toMatchObject({ stop: 'dropoff', actualTs: min(20), cancelledTs: null });
    expect(byId['o-mid']).toMatchObject({ actualTs: null, cancelledTs: min(13) });
    expect(byId['o-far']).toMatchObject({ actualTs: null, cancelledTs: null });
  });

  it('follows a newer fix of the driver, and a pickup, from one frame to the next', () => {
    const e = engine();
    const first = etaFrameBody(e).open.find((r) => r.orderId === 'o-far')!;
    feed(e, [loc('far', min(12) + 5000, P.lat + 0.001, P.lng)]);
    const nearer = etaFrameBody(e).open.find((r) => r.orderId === 'o-far')!;
    expect(nearer.updatedTs).toBe(min(12) + 5000);
    expect(nearer.etaTs).toBe(orderBody(e, 'o-far')!.eta!.ts);
    expect(nearer.etaTs! - nearer.updatedTs!).toBeLessThan(first.etaTs! - first.updatedTs!);
    feed(e, [pickedUp('o-far', min(12) + 6000)]);
    expect(etaFrameBody(e).open.find((r) => r.orderId === 'o-far')).toMatchObject({ stop: 'dropoff', etaTs: orderBody(e, 'o-far')!.eta!.ts });
  });

  it('is empty for an engine that has seen nothing', () => {
    const frame = etaFrameBody(new Engine());
    expect(frame.open).toEqual([]);
    expect(frame.delivered).toEqual([]);
    expect(frame.accuracy.overall.samples).toBe(0);
  });
});
