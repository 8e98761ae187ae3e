/**
 * What the charts draw, computed from the per-minute series: the stretch shown, the rows in
 * display units, and the time ticks. Pure, so live and replay (and the tests) get the same.
 */
import type { SeriesPoint } from './api-types';

const MINUTE = 60_000;

/** The stretches of the day the charts offer; `day` is everything the series holds. */
export type ChartRange = '1h' | '3h' | 'day';
export const CHART_RANGES: readonly { id: ChartRange; label: string; minutes: number | null }[] = [
  { id: '1h', label: '1 h', minutes: 60 },
  { id: '3h', label: '3 h', minutes: 180 },
  { id: 'day', label: 'Day', minutes: null },
];

/** Event time as HH:MM, UTC like the rest of the dashboard (the simulated and imported days are UTC). */
export function hhmm(ts: number): string {
  return new Date(ts).toISOString().slice(11, 16);
}

/** The points of the last `range`, counted back from the newest point (not the wall clock: replay). */
export function pointsInRange(points: readonly SeriesPoint[], range: ChartRange): SeriesPoint[] {
  const minutes = CHART_RANGES.find((r) => r.id === range)?.minutes ?? null;
  if (minutes === null || !points.length) return points.slice();
  const from = points[points.length - 1].ts - (minutes - 1) * MINUTE;
  let i = points.length;
  while (i > 0 && points[i - 1].ts >= from) i--;
  return points.slice(i);
}

/** One row of the charts, in the units shown (per minute, drivers, %, minutes). */
export interface ChartRow {
  ts: number;
  /** per minute; null for a minute still in progress (its count so far is not a rate) */
  created: number | null;
  /** events accepted per minute (event time) */
  events: number | null;
  delivered: number | null;
  cancelled: number | null;
  online: number;
  idle: number;
  busy: number;
  supply: number;
  demand: number;
  /** 0..100; null in a minute without deliveries that had a promise */
  onTimePct: number | null;
  /** minutes; null in a minute without scored deliveries */
  etaErrorMin: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function mean(values: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : null;
}

/**
 * The rows of the charts. With `bucketMinutes` > 1 (a whole day is 1,440 minutes: too many
 * points for small charts redrawn every second) consecutive minutes are averaged into one row
 * stamped with the bucket's first minute, so every value keeps its unit (orders per minute,
 * drivers, %); buckets are aligned to the clock (00:00, 00:05, ...).
 *
 * `lastOpen`: the newest point is the minute in progress (live, or a replay's clock). Its gauges
 * are current and shown; its counts so far would read as a drop to zero, so they are left out.
 */
export function chartRows(points: readonly SeriesPoint[], bucketMinutes = 1, lastOpen = false): ChartRow[] {
  const size = Math.max(1, Math.floor(bucketMinutes)) * MINUTE;
  const open = lastOpen ? points[points.length - 1] : undefined;
  const rows: ChartRow[] = [];
  let i = 0;
  while (i < points.length) {
    const start = points[i].ts - (((points[i].ts % size) + size) % size);
    let j = i;
    while (j < points.length && points[j].ts < start + size) j++;
    const group = points.slice(i, j);
    const closed = group.filter((p) => p !== open);
    const gauge = (k: 'online' | 'idle' | 'busy' | 'supply' | 'demand') => round1(group.reduce((s, p) => s + p[k], 0) / group.length);
    const rate = (k: 'created' | 'delivered' | 'cancelled' | 'events') => (closed.length ? round1(closed.reduce((s, p) => s + p[k], 0) / closed.length) : null);
    const onTime = mean(closed.map((p) => p.onTimeRate));
    const eta = mean(closed.map((p) => p.etaMaeSeconds));
    rows.push({
      ts: size === MINUTE ? points[i].ts : start,
      created: rate('created'),
      events: rate('events'),
      delivered: rate('delivered'),
      cancelled: rate('cancelled'),
      online: gauge('online'),
      idle: gauge('idle'),
      busy: gauge('busy'),
      supply: gauge('supply'),
      demand: gauge('demand'),
      onTimePct: onTime === null ? null : round1(onTime * 100),
      etaErrorMin: eta === null ? null : round1(eta / 60),
    });
    i = j;
  }
  return rows;
}

/** Averaging that keeps a chart at most about `maxRows` rows: 1, 2, 5, 10, 15 or 30 minutes. */
export function bucketFor(minutes: number, maxRows = 240): number {
  for (const b of [1, 2, 5, 10, 15, 30]) if (minutes / b <= maxRows) return b;
  return 60;
}

const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720];

/**
 * Time-axis ticks on round clock times (every 5, 10, 15, 30 min, 1 h, ...) between `from` and
 * `to`, the smallest step that gives at most `maxTicks` ticks.
 */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  if (!(to >= from) || maxTicks < 1) return [];
  const span = to - from;
  const step = (TICK_STEPS_MIN.find((m) => span / (m * MINUTE) < maxTicks) ?? 1440) * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** A value with its unit, as the charts' tooltips and legends show it: "12/min", "87.5%", "2.5 min". */
export function withUnit(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const n = value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (unit === '%') return `${n}%`;
  if (unit.startsWith('/')) return `${n}${unit}`;
  // "1 driver", "1 order": the plural units name a count
  return `${n} ${value === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}

/** Axis labels: 950, 1.2k, 12k. */
export function compactNumber(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return String(Math.round(n * 10) / 10);
  const k = n / 1000;
  return `${Math.abs(k) < 10 ? Math.round(k * 10) / 10 : Math.round(k)}k`;
}

/** The newest value of a column that has one (on-time and ETA error are empty in quiet minutes). */
export function latestValue(rows: readonly ChartRow[], key: Exclude<keyof ChartRow, 'ts'>): number | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const v = rows[i][key];
    if (v !== null) return v;
  }
  return null;
}

/**
 * Whether two row lists draw the same picture. The feed sends a fresh array every second even
 * when nothing changed (a paused replay, a quiet minute); equal rows skip the redraw.
 */
export function sameRows(a: readonly ChartRow[], b: readonly ChartRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    for (const k in x) if (x[k as keyof ChartRow] !== y[k as keyof ChartRow]) return false;
  }
  return true;
}
