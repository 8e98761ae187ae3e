import { haversineM } from '../../lib/geo';
import type { LatLng } from '../../lib/events';

/** What an ETA model may know when it answers: nothing later than `atTs`. */
export interface EtaQuery {
  from: LatLng;
  to: LatLng;
  /** event time of the position `from` */
  atTs: number;
  /** the driver's own recent speed (km/h over the last minutes), if known */
  driverKph: number | null;
  /** recent traffic speed in the zone of `from`, if known */
  zoneKph: number | null;
  /** whose position `from` is, when it is a driver's (a model may keep what it learned of each) */
  driverId?: string;
}

/**
 * A step of a driver's trail as the engine counts it: consecutive fixes of one driver, neither a
 * GPS jump nor a gap. What a learning model may learn from.
 */
export interface EtaStep {
  driverId: string;
  fromTs: number;
  fromLat: number;
  fromLng: number;
  toTs: number;
  toLat: number;
  toLng: number;
  metres: number;
}

/** The one interface every ETA model implements; the engine never knows which one it has. */
export interface EtaModel {
  readonly name: string;
  /**
   * Predicted travel time in milliseconds. Must depend only on the query and on steps that ended
   * at or before `q.atTs`, whatever else the model has seen: an answer never uses the future.
   */
  travelMs(q: EtaQuery): number;
  /**
   * Optional learning hook: the engine calls it with sign 1 for each step it adds to a trail and
   * with sign -1 for a step it withdraws (a late fix spliced in between two others), exactly where
   * it counts steps into distance and zone speeds. So what a model learns is a function of the
   * trails, not of the arrival order, and late, jumping and gap steps never reach it. The step
   * object is the engine's own and is refilled for the next step: read it, do not keep it.
   */
  observeStep?(step: EtaStep, sign: 1 | -1): void;
  /** Learned state as plain JSON, kept in engine snapshots (models without state omit both). */
  toJSON?(): unknown;
  load?(state: unknown): void;
}

export interface StraightLineOptions {
  /** roads are longer than the straight line; a typical urban detour factor */
  detour: number;
  /** speed used when neither the driver's nor the zone's speed is known */
  defaultKph: number;
  minKph: number;
  maxKph: number;
  /** weight of the driver's speed when both are known */
  driverWeight: number;
}

export const STRAIGHT_LINE_DEFAULTS: StraightLineOptions = {
  detour: 1.3,
  defaultKph: 25,
  minKph: 8,
  maxKph: 110,
  driverWeight: 0.5,
};

/** Blends the driver's and the zone's recent speed; known-only when one is missing. */
export function blendKph(q: EtaQuery, o: StraightLineOptions): number {
  const { driverKph: d, zoneKph: z } = q;
  let kph: number;
  if (d != null && z != null) kph = o.driverWeight * d + (1 - o.driverWeight) * z;
  else kph = d ?? z ?? o.defaultKph;
  return Math.min(o.maxKph, Math.max(o.minKph, kph));
}

/**
 * Remaining straight-line distance (times a detour factor) over the blended speed. Road routing
 * arrives as another EtaModel later; this one stays as the baseline.
 */
export function straightLineEta(options: Partial<StraightLineOptions> = {}): EtaModel {
  const o = { ...STRAIGHT_LINE_DEFAULTS, ...options };
  return {
    name: 'straight-line',
    travelMs(q) {
      const metres = haversineM(q.from.lat, q.from.lng, q.to.lat, q.to.lng) * o.detour;
      return Math.round((metres / blendKph(q, o)) * 3600);
    },
  };
}
