import { describe, expect, it } from 'vitest';
import type { EtaAccuracyBody, EtaErrorStats } from '../../lib/api-types';
import { biasText, errorSeconds, errorTone, horizonBars, modelLabel, relativeTo, signedDuration } from '../../lib/eta-panel';

const stats = (samples: number, mae: number | null, p90: number | null): EtaErrorStats => ({ samples, maeSeconds: mae, medianSeconds: null, p90Seconds: p90, biasSeconds: null });

function body(h: [EtaErrorStats, EtaErrorStats, EtaErrorStats]): EtaAccuracyBody {
  return {
    ts: 0,
    model: 'road',
    fromTs: 0,
    windowHours: 24,
    overall: stats(1, 1, 1),
    horizons: [
      { ...h[0], label: '0-5 min', fromMinutes: 0, toMinutes: 5 },
      { ...h[1], label: '5-15 min', fromMinutes: 5, toMinutes: 15 },
      { ...h[2], label: '15+ min', fromMinutes: 15, toMinutes: null },
    ],
  };
}

describe('ETA panel helpers', () => {
  it('names the models', () => {
    expect(modelLabel('road')).toBe('Road network (v2)');
    expect(modelLabel('straight-line')).toBe('Straight line (baseline)');
    expect(modelLabel('other')).toBe('other');
  });

  it('charts seconds while every bar is under 3 minutes, minutes with one decimal otherwise', () => {
    expect(horizonBars(body([stats(4, 40.4, 90), stats(2, 100, 179), stats(0, null, null)]))).toEqual({
      unit: 's',
      rows: [
        { label: '0-5 min', samples: 4, mae: 40, p90: 90 },
        { label: '5-15 min', samples: 2, mae: 100, p90: 179 },
        { label: '15+ min', samples: 0, mae: null, p90: null },
      ],
    });
    const min = horizonBars(body([stats(4, 57, 124), stats(2, 150, 339), stats(1, 805, 1682)]));
    expect(min.unit).toBe('min');
    expect(min.rows.map((r) => [r.mae, r.p90])).toEqual([[1, 2.1], [2.5, 5.7], [13.4, 28]]);
  });

  it('signs the error as actual minus predicted, in readable units', () => {
    expect(errorSeconds(1_000, 61_000)).toBe(60);
    expect(errorSeconds(61_000, 1_000)).toBe(-60);
    expect(errorSeconds(null, 1_000)).toBeNull();
    expect(errorSeconds(1_000, null)).toBeNull();
    expect(signedDuration(150)).toBe('+2.5 min');
    expect(signedDuration(-40)).toBe('−40 s');
    expect(signedDuration(0.4)).toBe('0 s');
    expect(signedDuration(7200)).toBe('+2.0 h');
    expect(signedDuration(null)).toBe('—');
  });

  it('grades errors: within 2 minutes fine, past 5 bad', () => {
    expect([errorTone(-120), errorTone(121), errorTone(-300), errorTone(301), errorTone(null)]).toEqual(['ok', 'warn', 'warn', 'bad', 'none']);
  });

  it('says times relative to the frame clock and the bias as a sentence', () => {
    expect(relativeTo(240_000, 0)).toBe('in 4.0 min');
    expect(relativeTo(0, 30_000)).toBe('30 s ago');
    expect(relativeTo(2_000, 0)).toBe('now');
    expect(biasText(45)).toBe('arrivals later than predicted');
    expect(biasText(-150)).toBe('arrivals earlier than predicted');
    expect(biasText(2)).toBe('on target on average');
    expect(biasText(null)).toBe('—');
  });
});
