import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../lib/api-types';
import { seriesCsv, seriesCsvFilename } from '../../lib/series-csv';

const T = Date.UTC(2026, 10, 25, 8, 0);
const point = (m: number, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  ts: T + m * 60_000, created: 1, delivered: 2, cancelled: 0, onTimeRate: null, etaMaeSeconds: null,
  events: 7, online: 5, idle: 2, busy: 3, supply: 2, demand: 1, ...extra,
});

describe('seriesCsv', () => {
  it('writes a header and one row a minute, empty cells for no value', () => {
    const csv = seriesCsv({ points: [point(0, { onTimeRate: 0.9, etaMaeSeconds: 42 }), point(1)] });
    expect(csv.split('\n')).toEqual([
      'time,ts,created,delivered,cancelled,onTimeRate,etaMaeSeconds,events,online,idle,busy,supply,demand',
      `2026-11-25T08:00:00.000Z,${T},1,2,0,0.9,42,7,5,2,3,2,1`,
      `2026-11-25T08:01:00.000Z,${T + 60_000},1,2,0,,,7,5,2,3,2,1`,
      '',
    ]);
  });
});

describe('seriesCsvFilename', () => {
  it('names the date and the stretch of the day', () => {
    expect(seriesCsvFilename([point(0), point(179)])).toBe('fleet-series-2026-11-25-0800-1059.csv');
    expect(seriesCsvFilename([point(0), point(24 * 60)])).toBe('fleet-series-2026-11-25-0800-2026-11-26-0800.csv');
    expect(seriesCsvFilename([])).toBe('fleet-series.csv');
  });
});
