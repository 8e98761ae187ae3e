import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../lib/api-types';
import { bucketFor, chartRows, compactNumber, hhmm, latestValue, pointsInRange, sameRows, timeTicks, withUnit } from '../../lib/chart-series';

const T = Date.UTC(2026, 10, 25, 8, 0);
const MIN = 60_000;
const point = (m: number, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  ts: T + m * MIN, created: 0, delivered: 0, cancelled: 0, onTimeRate: null, etaMaeSeconds: null,
  events: 0, online: 0, idle: 0, busy: 0, supply: 0, demand: 0, ...extra,
});

describe('hhmm', () => {
  it('writes UTC hours and minutes', () => {
    expect(hhmm(T + 5 * MIN + 59_000)).toBe('08:05');
    expect(hhmm(Date.UTC(2026, 0, 1, 23, 59))).toBe('23:59');
  });
});

describe('pointsInRange', () => {
  const day = Array.from({ length: 300 }, (_, m) => point(m));
  it('keeps the last hour counted back from the newest point, not the wall clock', () => {
    const hour = pointsInRange(day, '1h');
    expect(hour).toHaveLength(60);
    expect(hour[0].ts).toBe(T + 240 * MIN);
    expect(hour.at(-1)!.ts).toBe(T + 299 * MIN);
  });
  it('keeps everything for the day, and copes with fewer points than the range', () => {
    expect(pointsInRange(day, 'day')).toHaveLength(300);
    expect(pointsInRange(day.slice(0, 10), '3h')).toHaveLength(10);
    expect(pointsInRange([], '1h')).toEqual([]);
  });
});

describe('chartRows', () => {
  it('converts to display units: on-time in %, ETA error in minutes, nulls kept', () => {
    const [r, empty] = chartRows([point(0, { created: 3, events: 120, onTimeRate: 0.875, etaMaeSeconds: 150, online: 10, idle: 4, busy: 6 }), point(1)]);
    expect(r).toMatchObject({ ts: T, created: 3, events: 120, onTimePct: 87.5, etaErrorMin: 2.5, online: 10, idle: 4, busy: 6 });
    expect(empty).toMatchObject({ ts: T + MIN, onTimePct: null, etaErrorMin: null });
  });

  it('averages clock-aligned buckets so every value keeps its per-minute unit', () => {
    const pts = [point(3, { created: 2, online: 10 }), point(4, { created: 4, online: 20 }), point(5, { created: 9, onTimeRate: 1 }), point(6, { created: 1, onTimeRate: 0.5 })];
    const rows = chartRows(pts, 5);
    expect(rows.map((r) => r.ts)).toEqual([T, T + 5 * MIN]);
    expect(rows[0]).toMatchObject({ created: 3, online: 15, onTimePct: null });
    // minutes without deliveries do not pull the on-time share down
    expect(rows[1]).toMatchObject({ created: 5, onTimePct: 75 });
  });
});

describe('chartRows with the newest minute in progress', () => {
  it('shows its gauges but not its partial counts', () => {
    const pts = [point(0, { created: 4, online: 10 }), point(1, { created: 1, online: 12, onTimeRate: 0 })];
    const rows = chartRows(pts, 1, true);
    expect(rows[0]).toMatchObject({ created: 4, online: 10 });
    expect(rows[1]).toMatchObject({ created: null, delivered: null, onTimePct: null, online: 12 });
    // in a bucket, the closed minutes alone make the rate
    expect(chartRows(pts, 5, true)[0]).toMatchObject({ created: 4, online: 11 });
  });
});

describe('bucketFor', () => {
  it('keeps a chart at about 240 rows at most', () => {
    expect(bucketFor(180)).toBe(1);
    expect(bucketFor(480)).toBe(2);
    expect(bucketFor(1440)).toBe(10);
  });
});

describe('timeTicks', () => {
  it('puts at most maxTicks ticks on round clock times', () => {
    expect(timeTicks(T + 3 * MIN, T + 62 * MIN, 6).map(hhmm)).toEqual(['08:10', '08:20', '08:30', '08:40', '08:50', '09:00']);
    const day = timeTicks(T - 8 * 60 * MIN, T + 16 * 60 * MIN - MIN, 6);
    expect(day.length).toBeLessThanOrEqual(6);
    expect(day.map(hhmm)).toEqual(['00:00', '04:00', '08:00', '12:00', '16:00', '20:00']);
  });
  it('gives a tick on a short stretch and none for an empty one', () => {
    expect(timeTicks(T, T + 2 * MIN, 4).map(hhmm)).toEqual(['08:00', '08:01', '08:02']);
    expect(timeTicks(T + MIN, T, 4)).toEqual([]);
  });
});

describe('withUnit and compactNumber', () => {
  it('writes a value with its unit, a dash for none', () => {
    expect(withUnit(12, '/min')).toBe('12/min');
    expect(withUnit(87.5, '%')).toBe('87.5%');
    expect(withUnit(2.25, 'min')).toBe('2.3 min');
    expect(withUnit(1234, 'drivers')).toBe('1,234 drivers');
    expect(withUnit(null, 'min')).toBe('—');
    expect(withUnit(1, 'drivers')).toBe('1 driver');
    expect(withUnit(1, 'min')).toBe('1 min');
  });
  it('shortens thousands on axes', () => {
    expect(compactNumber(950)).toBe('950');
    expect(compactNumber(1250)).toBe('1.3k');
    expect(compactNumber(12_400)).toBe('12k');
  });
});

describe('latestValue', () => {
  it('skips the newest minutes without a value', () => {
    const rows = chartRows([point(0, { onTimeRate: 0.5 }), point(1), point(2)]);
    expect(latestValue(rows, 'onTimePct')).toBe(50);
    expect(latestValue(rows, 'etaErrorMin')).toBeNull();
    expect(latestValue(rows, 'created')).toBe(0);
  });
});

describe('sameRows', () => {
  it('is true for equal content in new arrays, false when one value differs', () => {
    const pts = [point(0, { created: 1 }), point(1, { online: 3 })];
    expect(sameRows(chartRows(pts), chartRows(pts.map((p) => ({ ...p }))))).toBe(true);
    expect(sameRows(chartRows(pts), chartRows([pts[0], { ...pts[1], online: 4 }]))).toBe(false);
    expect(sameRows(chartRows(pts), chartRows(pts.slice(1)))).toBe(false);
  });
});
