import { describe, expect, it } from 'vitest';
import type { TrailPoint } from '../../lib/api-types';
import { speedSeries } from '../../lib/trail-speed';

// 0.001 degree of latitude is 111.195 m: 10 s per step is 40.03 km/h.
const north = (t0: number, n: number, everyS: number, step = 0.001, lat0 = 41): TrailPoint[] =>
  Array.from({ length: n }, (_, i) => [t0 + i * everyS * 1000, lat0 + i * step, -8.6]);

describe('speedSeries', () => {
  it('gives km/h per minute bucket from the steps that end in it', () => {
    const s = speedSeries(north(0, 13, 10)); // 0..120 s
    expect(s.map((p) => p.ts)).toEqual([0, 60_000, 120_000]);
    expect(s[0].kph).toBeCloseTo(40.0, 0);
    expect(s[1].kph).toBeCloseTo(40.0, 0);
    expect(s[2].kph).toBeCloseTo(40.0, 0);
  });

  it('a standing driver is 0 km/h, a minute without a step has no speed', () => {
    const trail: TrailPoint[] = [[0, 41, -8.6], [30_000, 41, -8.6], [400_000, 41, -8.6]];
    const s = speedSeries(trail, { maxStepMs: 60_000 });
    expect(s[0]).toEqual({ ts: 0, kph: 0 });
    expect(s.slice(1).every((p) => p.kph === null)).toBe(true);
    expect(s).toHaveLength(7);
  });

  it('leaves GPS jumps out', () => {
    const trail: TrailPoint[] = [[0, 41, -8.6], [10_000, 41.001, -8.6], [20_000, 41.5, -8.6]];
    expect(speedSeries(trail)[0].kph).toBeCloseTo(40.0, 0);
  });

  it('accepts fixes out of order and needs two of them', () => {
    expect(speedSeries([[0, 41, -8.6]])).toEqual([]);
    const s = speedSeries([[10_000, 41.001, -8.6], [0, 41, -8.6]]);
    expect(s[0].kph).toBeCloseTo(40.0, 0);
  });
});
