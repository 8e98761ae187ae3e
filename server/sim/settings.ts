/**
 * The simulator's knobs, their defaults and their rules. `resolveSettings` checks every field
 * once and fails with a SimSettingsError naming the field and the rule.
 */
import type { RoadGraph } from '../roads/graph';
import type { CongestionFn } from '../roads/router';
import type { HotSpot } from './demand';
import type { DispatchPolicy } from './dispatch';

export interface SimSettings {
  /** fixes everything random (default 7) */
  seed: number;
  /** fleet size (default 300) */
  drivers: number;
  /** the day: `YYYY-MM-DD` (UTC midnight) or the ms timestamp of its start (default 2026-11-25) */
  date: string | number;
  /** seconds between a driver's GPS fixes (default 10); each driver has its own phase */
  fixEverySec: number;
  /** the road network (default: generateCity(seed)) */
  city?: RoadGraph;
  /** where demand concentrates (default: 16 spots picked on the graph from the seed) */
  hotSpots?: HotSpot[];
  /** expected orders per driver per day at demandScale 1 (default 30) */
  ordersPerDriver: number;
  /** multiplies demand (default 1) */
  demandScale: number;
  /** the city's offset from UTC in minutes, for the day's local shape (default 0: Porto in winter) */
  utcOffsetMin: number;
  /** share of events sent twice (default 0.005) */
  duplicateShare: number;
  /** share of events delivered 2 to 60 s after later ones (default 0.01) */
  outOfOrderShare: number;
  /** share of location events delivered 2.5 to 10 minutes late (default 0.002) */
  lateShare: number;
  /** share of fixes with a 0.6-1.5 km GPS error (default 0.0005) */
  gpsJumpShare: number;
  /** standard deviation of GPS noise per axis, metres (default 4) */
  gpsNoiseM: number;
  /** [min, max] minutes from creation to the promised delivery (default [35, 45]) */
  slaMinutes: [number, number];
  /** [min, max] minutes a customer waits for a courier before cancelling (default [12, 25]) */
  patienceMinutes: [number, number];
  /** seconds between dispatch rounds (default 5) */
  dispatchEverySec: number;
  /** who gets which order (default nearestIdleByTravelTime()) */
  dispatch?: DispatchPolicy;
  /** time-of-day congestion (default rushHourCongestion(utcOffsetMin)) */
  congestion?: CongestionFn;
  /** also report the true position of every fix on the truth channel (default false) */
  truthPositions: boolean;
}

export const DEFAULT_SETTINGS: Readonly<SimSettings> = {
  seed: 7,
  drivers: 300,
  date: '2026-11-25',
  fixEverySec: 10,
  ordersPerDriver: 30,
  demandScale: 1,
  utcOffsetMin: 0,
  duplicateShare: 0.005,
  outOfOrderShare: 0.01,
  lateShare: 0.002,
  gpsJumpShare: 0.0005,
  gpsNoiseM: 4,
  slaMinutes: [35, 45],
  patienceMinutes: [12, 25],
  dispatchEverySec: 5,
  truthPositions: false,
};

export interface ResolvedSettings extends SimSettings {
  /** UTC midnight of `date`, ms */
  dayStart: number;
}

export class SimSettingsError extends Error {
  readonly code = 'SIM_SETTINGS';
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'SimSettingsError';
  }
}

function num(field: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SimSettingsError(field, 'must be a number');
  if (integer && !Number.isInteger(v)) throw new SimSettingsError(field, 'must be an integer');
  if (v < min || v > max) throw new SimSettingsError(field, `must be between ${min} and ${max}`);
  return v;
}

function pair(field: string, v: unknown, min: number, max: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new SimSettingsError(field, 'must be [min, max]');
  const a = num(`${field}[0]`, v[0], min, max);
  const b = num(`${field}[1]`, v[1], min, max);
  if (a > b) throw new SimSettingsError(field, 'min must not exceed max');
  return [a, b];
}

/** UTC midnight of a `YYYY-MM-DD` date or of the day holding a ms timestamp. */
export function dayStartOf(date: string | number): number {
  if (typeof date === 'number') {
    num('date', date, 0, 8_640_000_000_000_000, true);
    return date - (date % 86_400_000);
  }
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) throw new SimSettingsError('date', 'must be a date as YYYY-MM-DD');
  const ts = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ts).toISOString().slice(0, 10) !== date) {
    throw new SimSettingsError('date', 'must be a real calendar date (YYYY-MM-DD)');
  }
  return ts;
}

/** Fills in defaults and checks every field. */
export function resolveSettings(partial: Partial<SimSettings> = {}): ResolvedSettings {
  const s: SimSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  num('seed', s.seed, 0, Number.MAX_SAFE_INTEGER, true);
  num('drivers', s.drivers, 1, 100_000, true);
  num('fixEverySec', s.fixEverySec, 1, 3600, true);
  num('ordersPerDriver', s.ordersPerDriver, 0, 1000);
  num('demandScale', s.demandScale, 0, 100);
  num('utcOffsetMin', s.utcOffsetMin, -720, 840, true);
  num('duplicateShare', s.duplicateShare, 0, 0.5);
  num('outOfOrderShare', s.outOfOrderShare, 0, 0.5);
  num('lateShare', s.lateShare, 0, 0.5);
  num('gpsJumpShare', s.gpsJumpShare, 0, 0.5);
  num('gpsNoiseM', s.gpsNoiseM, 0, 1000);
  pair('slaMinutes', s.slaMinutes, 1, 24 * 60);
  pair('patienceMinutes', s.patienceMinutes, 1, 24 * 60);
  num('dispatchEverySec', s.dispatchEverySec, 1, 3600, true);
  if (s.city !== undefined && s.city.nodeCount < 2) {
    throw new SimSettingsError('city', 'must be a road graph with at least 2 nodes');
  }
  if (s.hotSpots !== undefined && (!Array.isArray(s.hotSpots) || s.hotSpots.length === 0)) {
    throw new SimSettingsError('hotSpots', 'must be a non-empty array');
  }
  return { ...s, dayStart: dayStartOf(s.date) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
