import { describe, expect, it } from 'vitest';
import { bucketDelta, bucketQuantile } from '../../lib/histogram';

const b = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));

describe('bucketQuantile', () => {
  it('is null without observations', () => {
    expect(bucketQuantile([], 0.5)).toBeNull();
    expect(bucketQuantile(b([[1, 0], [Infinity, 0]]), 0.5)).toBeNull();
  });

  it('interpolates linearly inside the bucket the rank falls in', () => {
    // 10 observations: 4 up to 0.01, 6 more up to 0.05
    const h = b([[0.01, 4], [0.05, 10], [0.1, 10], [Infinity, 10]]);
    // rank 5: one of the six in (0.01, 0.05] -> 0.01 + 0.04 * 1/6
    expect(bucketQuantile(h, 0.5)).toBeCloseTo(0.01 + 0.04 / 6, 10);
    // rank 2 in the first bucket, from 0
    expect(bucketQuantile(h, 0.2)).toBeCloseTo(0.005, 10);
    expect(bucketQuantile(h, 1)).toBeCloseTo(0.05, 10);
  });

  it('answers the largest finite bound when the rank is in the +Inf bucket', () => {
    expect(bucketQuantile(b([[0.5, 1], [1, 1], [Infinity, 4]]), 0.99)).toBe(1);
  });
});

describe('bucketDelta', () => {
  it('keeps only what was observed between two readings', () => {
    const before = b([[0.01, 4], [0.05, 10], [Infinity, 10]]);
    const now = b([[0.01, 4], [0.05, 12], [Infinity, 15]]);
    expect(bucketDelta(now, before)).toEqual(b([[0.01, 0], [0.05, 2], [Infinity, 5]]));
    expect(bucketQuantile(bucketDelta(now, before), 0.2)).toBeCloseTo(0.01 + 0.04 * (1 / 2), 10);
  });
});
