import type { SeriesBody, SeriesPoint } from '../../lib/api-types';

const COLUMNS: (keyof SeriesPoint)[] = [
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

/** The per-minute series as CSV, one row a minute, with an ISO time column for spreadsheets. */
export function seriesCsv(body: SeriesBody): string {
  const lines = [['time', ...COLUMNS].join(',')];
  for (const p of body.points) {
    lines.push([new Date(p.ts).toISOString(), ...COLUMNS.map((c) => (p[c] === null ? '' : String(p[c])))].join(','));
  }
  return lines.join('\n') + '\n';
}
