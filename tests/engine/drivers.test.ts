import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { driverDetail, driversBody } from '../../server/engine/views';
import { assigned, created, feed, loc, min, offline, online, pickedUp, delivered, cancelled, sec } from '../support/events';

/** The driver as GET /api/drivers lists it. */
function driver(e: Engine, id: string) {
  const d = driversBody(e).drivers.find((x) => x.id === id);
  if (!d) throw new Error(`driver ${id} is not listed`);
  return d;
}

describe('driver position', () => {
  it('is the location with the greatest ts', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(10), 41.151, -8.61)]);
    expect(driver(e, 'd1')).toMatchObject({ lat: 41.151, lng: -8.61, ts: sec(10) });
  });

  it('is not moved back by an older location that arrives late within the lateness', () => {
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.15, -8.61),
      loc('d1', sec(20), 41.152, -8.61),
      loc('d1', sec(10), 41.151, -8.61),
    ]);
    expect(driver(e, 'd1')).toMatchObject({ lat: 41.152, ts: sec(20) });
  });

  it('is not moved back by an older location beyond the lateness', () => {
    const e = feed(new Engine(), [loc('d1', min(0), 41.15, -8.61), loc('d1', min(10), 41.152, -8.61), loc('d1', min(5), 41.151, -8.61)]);
    expect(driver(e, 'd1')).toMatchObject({ lat: 41.152, ts: min(10) });
  });

  it('moves to a location beyond the lateness when it is the newest of that driver', () => {
    const e = feed(new Engine(), [
      loc('d1', min(0), 41.15, -8.61),
      loc('d2', min(10), 41.2, -8.6),
      loc('d1', min(5), 41.151, -8.61),
    ]);
    expect(driver(e, 'd1')).toMatchObject({ lat: 41.151, ts: min(5) });
  });
});

describe('late locations in trail and distance', () => {
  it('a late location within the lateness enters the trail in ts order', () => {
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.15, -8.61),
      loc('d1', sec(20), 41.152, -8.61),
      loc('d1', sec(10), 41.151, -8.61),
    ]);
    expect(driverDetail(e, 'd1')!.trail).toEqual([
      [sec(0), 41.15, -8.61],
      [sec(10), 41.151, -8.61],
      [sec(20), 41.152, -8.61],
    ]);
  });

  it('a late location within the lateness counts in the distance', () => {
    // 0.000 -> 0.002 -> 0.001 degrees north: 222.4 m + 111.2 m, where the straight run is 111.2 m.
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.15, -8.61),
      loc('d1', sec(20), 41.151, -8.61),
      loc('d1', sec(10), 41.152, -8.61),
    ]);
    expect(driverDetail(e, 'd1')!.stats.distanceKm).toBe(0.334);
  });

  it('a location beyond the lateness stays out of the trail and the distance', () => {
    const e = feed(new Engine(), [
      loc('d1', min(0), 41.15, -8.61),
      loc('d1', min(1), 41.151, -8.61),
      loc('d2', min(10), 41.2, -8.6),
      loc('d1', min(0.5), 41.16, -8.61),
    ]);
    const d = driverDetail(e, 'd1')!;
    expect(d.trail.map(([ts]) => ts)).toEqual([min(0), min(1)]);
    expect(d.stats.distanceKm).toBe(0.111);
  });
});

describe('derived driver status', () => {
  it('is offline after an offline event', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(5), 41.15, -8.61), offline('d1', sec(10))]);
    expect(driver(e, 'd1').status).toBe('offline');
  });

  it('is idle when online with no active order', () => {
    const e = feed(new Engine(), [online('d1', sec(0))]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'idle', orderId: null });
  });

  it('is to_pickup with an assigned order not yet picked up', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), created('o1', sec(1)), assigned('o1', sec(2), 'd1')]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'to_pickup', orderId: 'o1' });
  });

  it('is to_dropoff with a picked-up order not yet delivered', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), created('o1', sec(1)), assigned('o1', sec(2), 'd1'), pickedUp('o1', sec(3))]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'to_dropoff', orderId: 'o1' });
  });

  it('is idle again once its order is delivered', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      assigned('o1', sec(2), 'd1'),
      pickedUp('o1', sec(3)),
      delivered('o1', sec(4)),
    ]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'idle', orderId: null });
  });

  it('is idle again once its order is cancelled', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), created('o1', sec(1)), assigned('o1', sec(2), 'd1'), cancelled('o1', sec(3))]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'idle', orderId: null });
  });

  it('follows driver events in ts order, not arrival order', () => {
    const e = feed(new Engine(), [offline('d1', sec(20)), online('d1', sec(10))]);
    expect(driver(e, 'd1').status).toBe('offline');
  });

  it('is online for an unknown driver that sends a location', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61)]);
    expect(driver(e, 'd1').status).toBe('idle');
  });

  // The contract brings an *unknown* driver online; one that said offline is known, so a fix
  // alone does not bring it back.
  it('stays offline when a driver that went offline sends a location', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), offline('d1', sec(10)), loc('d1', sec(20), 41.15, -8.61)]);
    expect(driver(e, 'd1').status).toBe('offline');
  });

  it('takes the name of the newest driver event that has one', () => {
    const e = feed(new Engine(), [online('d1', sec(10), 'Bo'), online('d1', sec(0), 'Ana')]);
    expect(driver(e, 'd1').name).toBe('Bo');
  });
});

describe('batched deliveries', () => {
  it('a driver is to_dropoff when any of its orders is picked up', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      created('o2', sec(1)),
      assigned('o1', sec(10), 'd1'),
      assigned('o2', sec(20), 'd1'),
      pickedUp('o2', sec(30)),
    ]);
    expect(driver(e, 'd1').status).toBe('to_dropoff');
  });

  it('orderId is a picked-up order before an assigned one', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      created('o2', sec(1)),
      assigned('o1', sec(10), 'd1'),
      assigned('o2', sec(20), 'd1'),
      pickedUp('o2', sec(30)),
    ]);
    expect(driver(e, 'd1').orderId).toBe('o2');
  });

  it('orderId is the earliest assigned among orders not yet picked up', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      created('o2', sec(1)),
      assigned('o1', sec(20), 'd1'),
      assigned('o2', sec(10), 'd1'),
    ]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'to_pickup', orderId: 'o2' });
  });

  // "The earliest first" among picked-up orders is read as the earliest pickup.
  it('orderId is the earliest picked up among picked-up orders', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      created('o2', sec(1)),
      assigned('o1', sec(10), 'd1'),
      assigned('o2', sec(20), 'd1'),
      pickedUp('o2', sec(30)),
      pickedUp('o1', sec(40)),
    ]);
    expect(driver(e, 'd1').orderId).toBe('o2');
  });

  it('orderId moves to the next order when the served one is delivered', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o1', sec(1)),
      created('o2', sec(1)),
      assigned('o1', sec(10), 'd1'),
      assigned('o2', sec(20), 'd1'),
      pickedUp('o1', sec(30)),
      delivered('o1', sec(40)),
    ]);
    expect(driver(e, 'd1')).toMatchObject({ status: 'to_pickup', orderId: 'o2' });
  });
});

describe('driver read bodies', () => {
  it('driversBody lists every driver by id with the contract fields', () => {
    const e = feed(new Engine(), [online('d2', sec(0), 'Ana'), loc('d1', sec(5), 41.15, -8.61, { speedKph: 20, heading: 90 })]);
    expect(driversBody(e)).toEqual({
      ts: sec(5),
      drivers: [
        { id: 'd1', name: null, status: 'idle', lat: 41.15, lng: -8.61, ts: sec(5), speedKph: 20, heading: 90, orderId: null },
        { id: 'd2', name: 'Ana', status: 'idle', lat: null, lng: null, ts: null, speedKph: null, heading: null, orderId: null },
      ],
    });
  });

  it('driverDetail is undefined (404) for an unknown id', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61)]);
    expect(driverDetail(e, 'nobody')).toBeUndefined();
  });

  it("driverDetail lists the driver's orders, newest assignment first", () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      created('o2', sec(1)),
      created('o1', sec(1)),
      assigned('o2', sec(20), 'd1'),
      assigned('o1', sec(10), 'd1'),
    ]);
    expect(driverDetail(e, 'd1')!.orders.map((o) => o.id)).toEqual(['o2', 'o1']);
  });

  it('driverDetail does not list an order reassigned to another driver', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      online('d2', sec(0)),
      created('o1', sec(1)),
      assigned('o1', sec(10), 'd1'),
      assigned('o1', sec(20), 'd2'),
    ]);
    expect(driverDetail(e, 'd1')!.orders).toEqual([]);
    expect(driverDetail(e, 'd2')!.orders.map((o) => o.id)).toEqual(['o1']);
  });
});
