import type { DriverStatus } from '../../lib/api-types';
import { bearingDeg, haversineM, kph } from '../../lib/geo';
import { Trail } from './trail';
import type { CellMemo } from './cells';

/** A driver's state. As a CellMemo, `cellGeom` is the last H3 cell of its fixes (a cache, not state). */
export interface DriverRecord extends CellMemo {
  id: string;
  name: string | null;
  /** ts of the driver event the name came from */
  nameTs: number;
  /** driver events as [ts, 1 online | 0 offline], sorted by ts */
  statusEvents: [number, number][];
  /** ts of the first location seen (brings a driver with no driver event online), or null */
  firstFixTs: number | null;
  /**
   * Newest location: the position shown. Hot numeric fields hold numbers only (-Infinity / NaN
   * for none): a field that mixes null and doubles makes V8 allocate a box on every write.
   */
  lastTs: number;
  lastLat: number;
  lastLng: number;
  /** speed and heading the producer sent with the newest location, if any */
  lastSpeedKph: number;
  lastHeading: number;
  trail: Trail;
  /** orders assigned to this driver and not yet delivered or cancelled */
  active: Set<string>;
  /** this driver's orders, oldest first (forgotten with the order) */
  orderIds: string[];
  /** derived, cached */
  status: DriverStatus;
  orderId: string | null;
  /** sums over valid steps */
  distanceM: number;
  movingMs: number;
  deliveries: number;
  promisedDeliveries: number;
  onTimeDeliveries: number;
  /** newest fix reached by a GPS jump, if any */
  lastJumpTs: number | null;
  lastJumpLat: number;
  lastJumpLng: number;
  /** listed among the drivers changed since the last drain (bookkeeping for the live push, not state) */
  changedMark: boolean;
}

export function hasFix(d: DriverRecord): boolean {
  return d.lastTs > -Infinity;
}

export function newDriver(id: string): DriverRecord {
  return {
    id,
    name: null,
    nameTs: -Infinity,
    statusEvents: [],
    firstFixTs: null,
    lastTs: -Infinity,
    lastLat: 0,
    lastLng: 0,
    lastSpeedKph: NaN,
    lastHeading: NaN,
    trail: new Trail(),
    active: new Set(),
    orderIds: [],
    status: 'offline',
    orderId: null,
    distanceM: 0,
    movingMs: 0,
    deliveries: 0,
    promisedDeliveries: 0,
    onTimeDeliveries: 0,
    lastJumpTs: null,
    lastJumpLat: 0,
    lastJumpLng: 0,
    cellGeom: null,
    changedMark: false,
  };
}

/**
 * Online when the driver event with the greatest ts says online; a driver never seen in a driver
 * event is online from its first location on (the contract: a location brings an unknown driver
 * online). Equal timestamps resolve to offline, independent of arrival.
 */
export function isOnline(d: DriverRecord): boolean {
  const ev = d.statusEvents;
  if (ev.length) return ev[ev.length - 1][1] === 1;
  return d.firstFixTs !== null;
}

/** Inserts [ts, online] keeping ts order (offline after online at equal ts); false if present. */
export function insertStatusEvent(d: DriverRecord, ts: number, online: number): boolean {
  const ev = d.statusEvents;
  let i = ev.length;
  while (i > 0 && (ev[i - 1][0] > ts || (ev[i - 1][0] === ts && ev[i - 1][1] < online))) i--;
  for (let j = i - 1; j >= 0 && ev[j][0] === ts; j--) if (ev[j][1] === online) return false;
  for (let j = i; j < ev.length && ev[j][0] === ts; j++) if (ev[j][1] === online) return false;
  ev.splice(i, 0, [ts, online]);
  return true;
}

/** Online intervals [start, end) up to `now`. */
export function onlineIntervals(d: DriverRecord, now: number): [number, number][] {
  const out: [number, number][] = [];
  if (!d.statusEvents.length) {
    if (d.firstFixTs !== null && d.firstFixTs < now) out.push([d.firstFixTs, now]);
    return out;
  }
  // A fix before any driver event brought the then unknown driver online.
  const first = d.statusEvents[0][0];
  let start: number | null = d.firstFixTs !== null && d.firstFixTs < first ? d.firstFixTs : null;
  for (const [ts, on] of d.statusEvents) {
    if (on && start === null) start = ts;
    else if (!on && start !== null) {
      if (ts > start) out.push([start, ts]);
      start = null;
    }
  }
  if (start !== null && now > start) out.push([start, now]);
  return out;
}

/** Total length of the intersection of two sorted, disjoint interval lists. */
export function overlapMs(a: [number, number][], b: [number, number][]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (hi > lo) total += hi - lo;
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return total;
}

/** Union of intervals as a sorted, disjoint list. */
export function unionIntervals(list: [number, number][]): [number, number][] {
  const sorted = list.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export interface StepRules {
  gpsJumpKph: number;
  gpsJumpMinM: number;
  maxStepGapMs: number;
}

/** A step into a fix is a jump when it is both long and impossibly fast. */
export function isJump(metres: number, ms: number, r: StepRules): boolean {
  return metres > r.gpsJumpMinM && (ms <= 0 || kph(metres, ms) > r.gpsJumpKph);
}

/**
 * The driver's speed over the fixes in (ts - windowMs, ts], stops included (it is what an ETA
 * must expect), jumps and gaps excluded. Null when the fixes cover less than 30 s.
 */
export function recentKph(t: Trail, ts: number, windowMs: number, r: StepRules): number | null {
  let hi = t.lowerBound(ts + 1) - 1; // last index with ts <= ts
  let metres = 0;
  let ms = 0;
  for (; hi >= 1; hi--) {
    const t1 = t.ts(hi);
    const t0 = t.ts(hi - 1);
    if (t0 <= ts - windowMs) break;
    const dt = t1 - t0;
    if (dt > r.maxStepGapMs) break;
    const m = haversineM(t.lat(hi - 1), t.lng(hi - 1), t.lat(hi), t.lng(hi));
    if (isJump(m, dt, r)) continue;
    metres += m;
    ms += dt;
  }
  return ms >= 30_000 ? kph(metres, ms) : null;
}

/** Heading and speed of the newest fix from the steps before it, when the producer sent none. */
export function derivedMotion(d: DriverRecord, r: StepRules): { speedKph: number | null; heading: number | null } {
  const t = d.trail;
  const n = t.length;
  let speedKph = Number.isNaN(d.lastSpeedKph) ? null : d.lastSpeedKph;
  let heading = Number.isNaN(d.lastHeading) ? null : d.lastHeading;
  if (n < 2 || t.ts(n - 1) !== d.lastTs) return { speedKph, heading };
  // Walk back over a few steps: the speed from the last valid step, the heading from the last
  // step long enough (10 m) that GPS noise does not decide it.
  for (let i = n - 1; i >= 1 && i >= n - 10 && (speedKph === null || heading === null); i--) {
    const dt = t.ts(i) - t.ts(i - 1);
    const m = haversineM(t.lat(i - 1), t.lng(i - 1), t.lat(i), t.lng(i));
    if (isJump(m, dt, r) || dt > r.maxStepGapMs) continue;
    if (speedKph === null) speedKph = Math.round(kph(m, dt) * 10) / 10;
    if (heading === null && m >= 10) {
      heading = Math.round(bearingDeg(t.lat(i - 1), t.lng(i - 1), t.lat(i), t.lng(i)));
      if (heading >= 360) heading = 0;
    }
  }
  return { speedKph, heading };
}
