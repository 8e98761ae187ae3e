import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { driverDetail } from '../../server/engine/views';
import { feed, lifecycle, loc, min, north, offline, online, sec, assigned, created } from '../support/events';

/**
 * One hour online (0 to 60 min). Six 111.195 m steps in 60 s at the start: 0.667 km at 40 km/h.
 * o1 is busy 10 to 20 min and delivered before its promise (25); o2 is busy 30 to 40 min and
 * delivered after its promise (35). Busy 20 of 60 online minutes: utilization 0.333, 40 idle.
 */
const HOUR = [
  online('d1', min(0)),
  ...north('d1', min(0), 7),
  ...lifecycle('o1', 'd1', [min(5), min(10), min(15), min(20)], { promisedTs: min(25) }),
  ...lifecycle('o2', 'd1', [min(25), min(30), min(33), min(40)], { promisedTs: min(35) }),
  offline('d1', min(60)),
];

const stats = (events = HOUR) => driverDetail(feed(new Engine(), events), 'd1')!.stats;

describe('driver stats', () => {
  it('distanceKm sums the valid steps', () => {
    expect(stats().distanceKm).toBe(0.667);
  });

  it('deliveries counts delivered orders', () => {
    expect(stats().deliveries).toBe(2);
  });

  it('onTimeRate is on-time deliveries over deliveries with a promise', () => {
    expect(stats().onTimeRate).toBe(0.5);
  });

  it('onTimeRate is null without a delivery that had a promise', () => {
    expect(stats([online('d1', min(0)), ...lifecycle('o1', 'd1', [min(1), min(2), min(3), min(4)])]).onTimeRate).toBeNull();
  });

  it('a delivery exactly at its promised time is on time', () => {
    expect(stats([online('d1', min(0)), ...lifecycle('o1', 'd1', [min(1), min(2), min(3), min(4)], { promisedTs: min(4) })]).onTimeRate).toBe(1);
  });

  it('utilization is the share of online time with an active order', () => {
    expect(stats().utilization).toBe(0.333);
  });

  it('idleMinutes is online time without an active order', () => {
    expect(stats().idleMinutes).toBe(40);
  });

  it('avgSpeedKph is distance over the time of the valid steps', () => {
    expect(stats().avgSpeedKph).toBe(40);
  });

  it('utilization leaves out offline time', () => {
    // Online 0-10 and 20-30; o1 active 5-25, of which 5-10 and 20-25 are online: 10 of 20 min.
    const s = stats([
      online('d1', min(0)),
      created('o1', min(1)),
      assigned('o1', min(5), 'd1'),
      offline('d1', min(10)),
      online('d1', min(20)),
      { type: 'order', orderId: 'o1', ts: min(25), status: 'cancelled' },
      offline('d1', min(30)),
    ]);
    expect(s).toMatchObject({ utilization: 0.5, idleMinutes: 10 });
  });

  it('counts an unknown driver online from its first fix until its first driver event', () => {
    const s = stats([loc('d1', min(0), 41.15, -8.61), offline('d1', min(10)), loc('d1', min(20), 41.15, -8.61)]);
    expect(s).toMatchObject({ utilization: 0, idleMinutes: 10 });
  });

  it('idle time of an online driver runs to the engine clock', () => {
    const s = stats([online('d1', min(0)), loc('d2', min(15), 41.2, -8.6)]);
    expect(s.idleMinutes).toBe(15);
  });

  it('a step over a gap longer than 10 minutes adds no distance', () => {
    expect(stats([loc('d1', min(0), 41.15, -8.61), loc('d1', min(11), 41.151, -8.61)]).distanceKm).toBe(0);
  });

  it('credits a delivery to the driver the order ends with, whatever the arrival order', () => {
    // d2's reassignment arrives after the delivery, within the lateness.
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      online('d2', sec(0)),
      created('o1', sec(1)),
      assigned('o1', sec(10), 'd1'),
      { type: 'order', orderId: 'o1', ts: sec(20), status: 'picked_up' },
      { type: 'order', orderId: 'o1', ts: sec(30), status: 'delivered' },
      assigned('o1', sec(15), 'd2'),
    ]);
    expect([driverDetail(e, 'd1')!.stats.deliveries, driverDetail(e, 'd2')!.stats.deliveries]).toEqual([0, 1]);
  });
});
