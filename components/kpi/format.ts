/** Number formats shared by the KPI strip, tables and panels. */
export const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const pct = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`);

/** Seconds as "42 s" or "3.5 min". */
export const duration = (seconds: number | null | undefined): string => {
  if (seconds === null || seconds === undefined) return '—';
  return Math.abs(seconds) < 90 ? `${Math.round(seconds)} s` : `${fmt(seconds / 60, 1)} min`;
};

/** Event time as the fleet's local clock, HH:MM:SS (UTC: the simulated and imported days are UTC). */
export const clockTime = (ts: number | null | undefined): string =>
  ts ? new Date(ts).toISOString().slice(11, 19) : '—';
