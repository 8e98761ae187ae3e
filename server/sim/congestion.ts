/**
 * Congestion by time of day: a multiplier (>= 1) on free-flow travel times, per road class. Rush
 * hours around 08:15 and 18:15 with a smaller lunchtime bump; arterials feel it most, local
 * streets about half as much; nights run at free flow. Plugs into the router's `congestion` hook.
 */
import type { CongestionFn } from '../roads/router';
import { isArterial, ROAD_CLASS_COUNT } from '../roads/road-class';
import { bell, localMinute, perMinute, rise } from './time-of-day';

export interface CongestionProfile {
  /** extra time on arterials at the evening peak, as a share (default 0.7: +70%) */
  peakExtra?: number;
  /** how much of the arterials' extra time local streets get (default 0.5) */
  localShare?: number;
}

/** The extra time share (0 = free flow) on arterials at a local hour of the day. */
export function arterialExtra(hour: number, peakExtra = 0.7): number {
  const daytime = rise(hour, 7, 1.5) * (1 - rise(hour, 21.5, 2));
  const shape =
    0.2 * daytime + 0.85 * bell(hour, 8.25, 0.9) + 0.35 * bell(hour, 13, 1) + 1 * bell(hour, 18.25, 1.2);
  return (peakExtra * shape) / 1.2;
}

/**
 * A CongestionFn for a city `utcOffsetMin` minutes ahead of UTC.
 *
 * @example
 *   router.route(a, b, { departTs, congestion: rushHourCongestion(0) });
 */
export function rushHourCongestion(utcOffsetMin = 0, profile: CongestionProfile = {}): CongestionFn {
  const peak = profile.peakExtra ?? 0.7;
  const localShare = profile.localShare ?? 0.5;
  const arterial = perMinute((h) => 1 + arterialExtra(h, peak));
  const local = perMinute((h) => 1 + localShare * arterialExtra(h, peak));
  const arterialClass = new Uint8Array(ROAD_CLASS_COUNT);
  for (let c = 0; c < ROAD_CLASS_COUNT; c++) arterialClass[c] = isArterial(c) ? 1 : 0;
  return (roadClass, ts) => {
    const m = localMinute(ts, utcOffsetMin);
    return arterialClass[roadClass] ? arterial[m] : local[m];
  };
}

/** No congestion at any time (every factor 1). */
export const freeFlow: CongestionFn = () => 1;
