/** Helpers for curves over the minutes of a local day (0..1439), the unit every profile uses. */

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** The local minute of the day of `ts`, for a city `utcOffsetMin` minutes ahead of UTC. */
export function localMinute(ts: number, utcOffsetMin: number): number {
  const m = Math.floor(ts / MS_PER_MINUTE) + utcOffsetMin;
  return ((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** A bell curve in hours: 1 at `mu`, falling off with standard deviation `sigma`. */
export function bell(h: number, mu: number, sigma: number): number {
  const z = (h - mu) / sigma;
  return Math.exp(-0.5 * z * z);
}

/** A smooth step from 0 (well before `at` hours) to 1 (well after), `width` hours wide. */
export function rise(h: number, at: number, width: number): number {
  return 1 / (1 + Math.exp(-(h - at) / (width / 4)));
}

/** Samples `f(hour)` at the middle of each minute of the day. */
export function perMinute(f: (hour: number) => number): Float64Array {
  const out = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) out[m] = f((m + 0.5) / 60);
  return out;
}
