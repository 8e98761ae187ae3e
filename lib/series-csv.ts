import type { SeriesPoint } from './api-types';

/** The columns after `time`, in the order of the CSV (server download and browser export alike). */
export const SERIES_CSV_COLUMNS: readonly (keyof SeriesPoint)[] = [
  'ts',
  'created',
  'delivered',
  'cancelled',
  'onTimeRate',
  'etaMaeSeconds',
  'events',
  'online',
  'idle',
  'busy',
  'supply',
  'demand',
];

/**
 * The per-minute series as CSV, one row a minute, with an ISO time column for spreadsheets.
 * Shared by GET /api/series?format=csv and the charts' "Download CSV", so both files are the same.
 */
export function seriesCsv(body: { points: readonly SeriesPoint[] }): string {
  const lines = [['time', ...SERIES_CSV_COLUMNS].join(',')];
  for (const p of body.points) {
    lines.push([new Date(p.ts).toISOString(), ...SERIES_CSV_COLUMNS.map((c) => (p[c] === null ? '' : String(p[c])))].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * A file name that says which stretch of which day the file holds (UTC, like the dashboard's
 * clock): `fleet-series-2026-11-25-0800-1059.csv`; `fleet-series.csv` for no points.
 */
export function seriesCsvFilename(points: readonly SeriesPoint[], prefix = 'fleet-series'): string {
  if (!points.length) return `${prefix}.csv`;
  const first = new Date(points[0].ts).toISOString();
  const last = new Date(points[points.length - 1].ts).toISOString();
  const hm = (iso: string) => iso.slice(11, 13) + iso.slice(14, 16);
  const lastDay = last.slice(0, 10) === first.slice(0, 10) ? '' : `${last.slice(0, 10)}-`;
  return `${prefix}-${first.slice(0, 10)}-${hm(first)}-${lastDay}${hm(last)}.csv`;
}
