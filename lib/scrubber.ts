/**
 * The replay scrubber's arithmetic: positions and times along the day, the demand curve behind
 * it, hour ticks, the speed presets and the replay clock's display between two `clock` frames.
 * Pure: the replay bar (components/replay) draws what these return.
 */
import type { SeriesPoint } from './api-types';
import type { ReplayClock } from './live-types';
import { REPLAY_SPEED_MAX, REPLAY_SPEED_MIN } from './live-types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Simulated seconds per real second offered as buttons, slowest first. */
export const SPEED_PRESETS = [1, 10, 60, 300, 900, 3600] as const;

const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/** Where `ts` sits along the day, 0 (start) to 1 (end). */
export function fractionOf(ts: number, startTs: number, endTs: number): number {
  if (endTs <= startTs) return 0;
  return clamp((ts - startTs) / (endTs - startTs), 0, 1);
}

/**
 * The time under a pointer `x` pixels from the scrubber's left edge, `width` wide, rounded to the
 * whole second (a seek to 08:15:00.437 would show as 08:15:00 but not be it).
 */
export function tsAtX(x: number, width: number, startTs: number, endTs: number): number {
  if (width <= 0) return startTs;
  const ts = startTs + clamp(x / width, 0, 1) * (endTs - startTs);
  return clamp(Math.round(ts / 1000) * 1000, startTs, endTs);
}

/** `ts` moved by `deltaMs` and kept inside the day. */
export function seekTarget(ts: number, deltaMs: number, startTs: number, endTs: number): number {
  return clamp(ts + deltaMs, startTs, endTs);
}

/** The preset one step slower (dir -1) or faster (dir 1) than `speed`; the same at either end. */
export function stepSpeed(speed: number, dir: -1 | 1): number {
  if (dir > 0) return SPEED_PRESETS.find((p) => p > speed) ?? Math.min(Math.max(speed, REPLAY_SPEED_MIN), REPLAY_SPEED_MAX);
  for (let i = SPEED_PRESETS.length - 1; i >= 0; i--) if (SPEED_PRESETS[i] < speed) return SPEED_PRESETS[i];
  return Math.min(Math.max(speed, REPLAY_SPEED_MIN), REPLAY_SPEED_MAX);
}

/**
 * The replay clock as of `now` (wall milliseconds), from the last `clock` frame received at
 * `receivedAt`: while playing it runs on at its speed, so the display moves smoothly between
 * frames (4 a second at 3600x would otherwise jump 15 minutes at a time). A frame older than
 * `maxAheadMs` is not extrapolated further: a stalled server does not make the clock run away.
 */
export function clockAt(clock: ReplayClock, receivedAt: number, now: number, maxAheadMs = 1000): number {
  if (!clock.playing) return clock.ts;
  const elapsed = clamp(now - receivedAt, 0, maxAheadMs);
  return Math.min(clock.endTs, clock.ts + elapsed * clock.speed);
}

/** One bin of the demand curve: its start and the orders created per minute in it. */
export interface CurveBin {
  ts: number;
  value: number;
}

/**
 * Orders created per minute, averaged over bins of `binMinutes` (a day of single minutes is too
 * spiky to read behind a scrubber). Minutes missing from the series count as zero.
 */
export function demandCurve(points: readonly SeriesPoint[], startTs: number, endTs: number, binMinutes = 10): CurveBin[] {
  if (endTs <= startTs) return [];
  const binMs = binMinutes * MINUTE;
  const n = Math.max(1, Math.ceil((endTs - startTs) / binMs));
  const sums = new Array<number>(n).fill(0);
  for (const p of points) {
    if (p.ts < startTs - MINUTE || p.ts > endTs) continue;
    const i = clamp(Math.floor((p.ts - startTs) / binMs), 0, n - 1);
    sums[i] += p.created;
  }
  return sums.map((s, i) => {
    const binStart = startTs + i * binMs;
    const minutes = Math.max(1, Math.min(binMs, endTs - binStart) / MINUTE);
    return { ts: binStart, value: s / minutes };
  });
}

/**
 * An SVG path of the curve as a filled area in a `width` x `height` box (y grows downwards; the
 * tallest bin touches the top). Each bin is drawn at its middle; the area runs from edge to edge.
 * Empty string when there is nothing to draw.
 */
export function areaPath(bins: readonly CurveBin[], startTs: number, endTs: number, width: number, height: number): string {
  if (!bins.length || endTs <= startTs) return '';
  const max = Math.max(...bins.map((b) => b.value));
  if (max <= 0) return '';
  const span = endTs - startTs;
  const binMs = bins.length > 1 ? bins[1].ts - bins[0].ts : span;
  const r = (v: number) => Math.round(v * 100) / 100;
  const pts = bins.map((b) => {
    const mid = Math.min(b.ts + binMs / 2, endTs);
    return [r(((mid - startTs) / span) * width), r(height - (b.value / max) * height)] as const;
  });
  const parts = [`M0,${height}`, `L0,${pts[0][1]}`, ...pts.map(([x, y]) => `L${x},${y}`), `L${width},${pts[pts.length - 1][1]}`, `L${width},${height}`, 'Z'];
  return parts.join(' ');
}

/** A labelled tick along the scrubber: a whole hour (UTC) inside the day. */
export interface Tick {
  ts: number;
  fraction: number;
  label: string;
}

/** Whole-hour ticks, spaced 1, 2, 3, 6 or 12 hours apart so that at most `maxTicks` fit. */
export function hourTicks(startTs: number, endTs: number, maxTicks = 8): Tick[] {
  if (endTs <= startTs) return [];
  const hours = (endTs - startTs) / HOUR;
  const step = [1, 2, 3, 6, 12, 24].find((s) => hours / s <= maxTicks) ?? 24;
  const first = Math.ceil(startTs / (step * HOUR)) * step * HOUR;
  const out: Tick[] = [];
  for (let t = first; t <= endTs; t += step * HOUR) out.push({ ts: t, fraction: fractionOf(t, startTs, endTs), label: hhmm(t) });
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM of an event time, UTC (recorded days are in UTC). */
export function hhmm(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** HH:MM:SS of an event time, UTC. */
export function hhmmss(ts: number): string {
  const d = new Date(ts);
  return `${hhmm(ts)}:${pad(d.getUTCSeconds())}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Tuesday 24 November 2026", UTC: the same on the server's render and in any browser. */
export function longDate(ts: number): string {
  const d = new Date(ts);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Tue 24 Nov 2026", UTC. */
export function shortDate(ts: number): string {
  const d = new Date(ts);
  return `${WEEKDAYS[d.getUTCDay()].slice(0, 3)} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}

/** "60×", "1×", "3,600×": a speed as the buttons and the clock show it. */
export function speedLabel(speed: number): string {
  return `${speed.toLocaleString('en-US')}×`;
}
