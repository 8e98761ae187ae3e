import { describe, expect, it } from 'vitest';
import { clusterGrid, clusterRadius, shouldCluster } from '../../lib/map-cluster';

describe('map clusters', () => {
  it('bins points by screen cell, at the mean of their points, counting statuses and stale ones', () => {
    const xs = [10, 20, 30, 100, 500];
    const ys = [10, 30, 20, 10, 500];
    const status = [0, 1, 1, 2, 0];
    const stale = [0, 1, 0, 0, 0];
    const out = clusterGrid(xs, ys, status, stale, 5, 200, 200, 64, 3);
    expect(out).toHaveLength(2); // the point at (500, 500) is off the 200 x 200 screen
    const a = out.find((c) => c.count === 3)!;
    expect(a.x).toBeCloseTo(20, 9);
    expect(a.y).toBeCloseTo(20, 9);
    expect(a.byStatus).toEqual([1, 2, 0]);
    expect(a.stale).toBe(1);
    const b = out.find((c) => c.count === 1)!;
    expect([b.x, b.y, b.first]).toEqual([100, 10, 3]);
  });

  it('counts only the first n points', () => {
    expect(clusterGrid([1, 2], [1, 2], [0, 0], [0, 0], 1, 10, 10, 5, 1)[0].count).toBe(1);
  });

  it('clusters when zoomed out, or when crowded at middle zooms, never zoomed in', () => {
    expect(shouldCluster(11, 10)).toBe(true);
    expect(shouldCluster(12, 10)).toBe(false);
    expect(shouldCluster(13, 300)).toBe(false);
    expect(shouldCluster(13, 5000)).toBe(true);
    expect(shouldCluster(16, 5000)).toBe(false);
  });

  it('grows the disc with the count, within bounds', () => {
    expect(clusterRadius(4)).toBeLessThan(clusterRadius(100));
    expect(clusterRadius(1e6)).toBe(26);
  });
});
