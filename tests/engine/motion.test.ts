import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { alertsBody, driverDetail, driversBody } from '../../server/engine/views';
import { drive, feed, loc, min, north, sec } from '../support/events';

const summary = (e: Engine, id: string) => driversBody(e).drivers.find((d) => d.id === id)!;

describe('heading and speed', () => {
  it('are derived from the fixes when the producer sends none (north, 111.2 m in 10 s)', () => {
    const e = feed(new Engine(), north('d1', sec(0), 2));
    expect(summary(e, 'd1')).toMatchObject({ speedKph: 40, heading: 0 });
  });

  it('are derived for a driver heading east (36 km/h)', () => {
    const e = feed(new Engine(), drive('d1', sec(0), 3, 10, 36));
    expect(summary(e, 'd1')).toMatchObject({ speedKph: 36, heading: 90 });
  });

  it('come from the last step, not an average of the trail', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(10), 41.151, -8.61), loc('d1', sec(20), 41.153, -8.61)]);
    expect(summary(e, 'd1').speedKph).toBe(80.1);
  });

  it('are passed through when the producer sends them', () => {
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.15, -8.61),
      loc('d1', sec(10), 41.151, -8.61, { speedKph: 12.5, heading: 271 }),
    ]);
    expect(summary(e, 'd1')).toMatchObject({ speedKph: 12.5, heading: 271 });
  });

  it('come from the newest fix: a producer speed on an older fix is not shown', () => {
    const e = feed(new Engine(), [
      loc('d1', sec(0), 41.15, -8.61, { speedKph: 70, heading: 180 }),
      loc('d1', sec(10), 41.151, -8.61),
    ]);
    expect(summary(e, 'd1')).toMatchObject({ speedKph: 40, heading: 0 });
  });

  it('are null with a single fix and nothing sent', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61)]);
    expect(summary(e, 'd1')).toMatchObject({ speedKph: null, heading: null });
  });
});

describe('GPS jumps', () => {
  // 0.1 degrees (11.1 km) in 10 s is far beyond 200 km/h.
  const jumpy = [loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(10), 41.25, -8.61), loc('d1', sec(20), 41.251, -8.61)];

  it('are kept out of the distance', () => {
    const e = feed(new Engine(), jumpy);
    expect(driverDetail(e, 'd1')!.stats.distanceKm).toBe(0.111);
  });

  it('are kept out of the average speed', () => {
    const e = feed(new Engine(), jumpy);
    expect(driverDetail(e, 'd1')!.stats.avgSpeedKph).toBe(40);
  });

  it('are kept out of the derived speed of the fix they reach', () => {
    const e = feed(new Engine(), jumpy.slice(0, 2));
    expect(summary(e, 'd1').speedKph).toBeNull();
  });

  it('are flagged as a gps_jump alert at the fix they reach', () => {
    const e = feed(new Engine(), jumpy);
    expect(alertsBody(e).alerts).toEqual([
      expect.objectContaining({ kind: 'gps_jump', entityId: 'd1', since: sec(10), lat: 41.25, lng: -8.61 }),
    ]);
  });

  it('a fast but short step is not a jump', () => {
    // 50 m in 1 s is 180 km/h... and 50 m is under the 100 m a jump must cover.
    const e = feed(new Engine(), [loc('d1', sec(0), 41.15, -8.61), loc('d1', sec(1), 41.15045, -8.61)]);
    expect(alertsBody(e).alerts).toEqual([]);
  });

  it('the gps_jump alert closes 10 minutes of event time after the jump', () => {
    const open = feed(new Engine(), [...jumpy, loc('d2', sec(610) - 1, 41.2, -8.6)]);
    const closed = feed(new Engine(), [...jumpy, loc('d2', sec(610), 41.2, -8.6)]);
    expect(alertsBody(open).alerts.map((a) => a.kind)).toContain('gps_jump');
    expect(alertsBody(closed).alerts.map((a) => a.kind)).not.toContain('gps_jump');
  });
});

describe('trail', () => {
  it('covers at least the last 30 minutes', () => {
    const fixes = north('d1', min(0), 61, 60, 0.0001);
    const e = feed(new Engine(), fixes);
    const trail = driverDetail(e, 'd1')!.trail;
    const last30 = fixes.filter((f) => f.ts >= min(30)).map((f) => [f.ts, f.lat, f.lng]);
    expect(trail.filter(([ts]) => ts >= min(30))).toEqual(last30);
    expect(trail[0][0]).toBeLessThanOrEqual(min(30));
  });

  it('is a list of [ts, lat, lng] in ts order', () => {
    const e = feed(new Engine(), [loc('d1', sec(10), 41.151, -8.61), loc('d1', sec(0), 41.15, -8.61)]);
    expect(driverDetail(e, 'd1')!.trail).toEqual([
      [sec(0), 41.15, -8.61],
      [sec(10), 41.151, -8.61],
    ]);
  });
});
