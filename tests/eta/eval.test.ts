import { describe, expect, it } from 'vitest';
import { straightLineEta } from '../../server/engine/eta';
import { errorStats, EtaEvaluator, fitSecondsPerMetre } from '../../server/eval/eta-eval';
import { importPortoCsv } from '../../server/import/porto';

describe('fitSecondsPerMetre (the baseline\'s one constant speed)', () => {
  it('finds the speed of least absolute error, as a fine search over speeds does', () => {
    const metres = [100, 200, 300, 800, 50, 1200];
    const seconds = [10, 40, 30, 90, 20, 100];
    const u = fitSecondsPerMetre(metres, seconds);
    const loss = (x: number) => metres.reduce((s, m, i) => s + Math.abs(m * x - seconds[i]), 0);
    let best = Infinity;
    for (let x = 0.001; x < 1; x += 0.0005) best = Math.min(best, loss(x));
    expect(loss(u)).toBeLessThanOrEqual(best + 1e-9);
  });
});

describe('errorStats', () => {
  it('gives the mean, median and 90th percentile of absolute errors', () => {
    expect(errorStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ samples: 10, maeS: 5.5, medianS: 6, p90S: 10 });
  });
});

describe('EtaEvaluator', () => {
  it('scores every fix of a trip against the true time left: 15 s × the fixes still to come', () => {
    const csv = 'TRIP_ID,CALL_TYPE,ORIGIN_CALL,ORIGIN_STAND,TAXI_ID,TIMESTAMP,DAY_TYPE,MISSING_DATA,POLYLINE\n' +
      '1,C,,,5,1372636800,A,False,"[[-8.61,41.15],[-8.609,41.15],[-8.608,41.15],[-8.607,41.15],[-8.606,41.15]]"\n';
    const ev = new EtaEvaluator([straightLineEta()]);
    for (const e of importPortoCsv(csv).events) ev.ingest(e);
    expect(ev.truth).toEqual([60, 45, 30, 15, 0]);
    const r = ev.result();
    expect(r.rows.map((x) => [x.label, x.baseline.samples])).toEqual([
      ['all', 5],
      ['0-5 min', 5],
      ['5-15 min', 0],
      ['15+ min', 0],
    ]);
    // A steady drive: the fitted constant speed is the drive's, and the baseline is exact.
    expect(r.rows[0].baseline.maeS).toBeLessThan(0.5);
  });
});
