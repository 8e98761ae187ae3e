import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { driversBody, metricsBody, orderBody } from '../../server/engine/views';
import { assigned, created, feed, loc, min, offline, online, sec, withId } from '../support/events';

/** What `ingest` answered for each event. */
const outcomes = (events: Parameters<Engine['ingest']>[0][], e = new Engine()) => events.map((ev) => e.ingest(ev));

describe('duplicates by id', () => {
  it('an event whose id was accepted is a duplicate, whatever its content', () => {
    expect(outcomes([withId(loc('d1', sec(0), 41.15, -8.61), 'e1'), withId(loc('d1', sec(5), 41.2, -8.6), 'e1')])).toEqual(['accepted', 'duplicate']);
  });

  it('a duplicate by id changes nothing', () => {
    const e = feed(new Engine(), [withId(loc('d1', sec(0), 41.15, -8.61), 'e1'), withId(loc('d1', sec(5), 41.2, -8.6), 'e1')]);
    expect(driversBody(e).drivers[0]).toMatchObject({ lat: 41.15, ts: sec(0) });
  });

  it('an id is remembered across event types', () => {
    expect(outcomes([withId(online('d1', sec(0)), 'e1'), withId(created('o1', sec(1)), 'e1')])).toEqual(['accepted', 'duplicate']);
  });

  it('different ids with different keys are both accepted', () => {
    expect(outcomes([withId(loc('d1', sec(0), 41.15, -8.61), 'e1'), withId(loc('d1', sec(1), 41.15, -8.61), 'e2')])).toEqual(['accepted', 'accepted']);
  });
});

describe('duplicates by key without id', () => {
  it('location: same driver and ts', () => {
    expect(outcomes([loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(0), 41.16, -8.62)])).toEqual(['accepted', 'duplicate']);
  });

  it('location: another ts is not a duplicate', () => {
    expect(outcomes([loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(1), 41.15, -8.61)])).toEqual(['accepted', 'accepted']);
  });

  it('location: another driver at the same ts is not a duplicate', () => {
    expect(outcomes([loc('d1', sec(0), 41.15, -8.61), loc('d2', sec(0), 41.15, -8.61)])).toEqual(['accepted', 'accepted']);
  });

  it('location: an older one re-sent within the lateness is a duplicate', () => {
    expect(outcomes([loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(60), 41.15, -8.61), loc('d1', sec(0), 41.15, -8.61)])).toEqual([
      'accepted',
      'accepted',
      'duplicate',
    ]);
  });

  it('location: one beyond the lateness re-sent is a duplicate', () => {
    const late = loc('d1', min(1), 41.15, -8.61);
    expect(outcomes([loc('d1', min(10), 41.15, -8.61), late, late])).toEqual(['accepted', 'accepted', 'duplicate']);
  });

  it('driver: same driver, ts and status', () => {
    expect(outcomes([online('d1', sec(0)), online('d1', sec(0), 'Ana')])).toEqual(['accepted', 'duplicate']);
  });

  it('driver: another status at the same ts is not a duplicate', () => {
    expect(outcomes([online('d1', sec(0)), offline('d1', sec(0))])).toEqual(['accepted', 'accepted']);
  });

  it('order: same order, ts and status', () => {
    expect(outcomes([created('o1', sec(0)), created('o1', sec(0), { promisedTs: min(9) })])).toEqual(['accepted', 'duplicate']);
  });

  it('order: another status at the same ts is not a duplicate', () => {
    expect(outcomes([created('o1', sec(0)), assigned('o1', sec(0), 'd1')])).toEqual(['accepted', 'accepted']);
  });

  it('order: a duplicate changes nothing', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), created('o1', sec(0), { promisedTs: min(9) })]);
    expect(orderBody(e, 'o1')!.promisedTs).toBeNull();
  });
});

describe('duplicate counting', () => {
  it('duplicates are counted in metrics.ingest.duplicates', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), created('o1', sec(0)), withId(online('d1', sec(1)), 'x'), withId(online('d1', sec(2)), 'x')]);
    expect(metricsBody(e).ingest.duplicates).toBe(2);
  });

  it('a duplicate is left out of the rolling rates', () => {
    const once = [created('o1', sec(0)), created('o2', sec(1)), created('o3', sec(2))];
    const m = metricsBody(feed(new Engine(), [...once, ...once]));
    expect(m.orders.createdPerMin).toBe(0.6);
    expect(m.ingest.eventsPerSec).toBe(0.01);
  });
});
