/**
 * Sizing demand to a city. The default demand (30 orders per driver per day) fits the generated
 * city, where a typical delivery takes about 11 minutes of a courier's time. In a city where trips
 * take longer (Porto's real streets: detours, one-ways, slow lanes), the same fleet can deliver
 * less; demand there is scaled by
 *
 *   factor = (REFERENCE_TRIP_SECONDS + OVERHEAD_SECONDS) / (city's mean trip seconds + OVERHEAD_SECONDS)
 *
 * where a trip is the free-flow route from a sampled pickup to its dropoff, and the overhead
 * stands for the parts of a job that do not grow with the city (handovers, waiting). Porto's
 * streets give about 0.8.
 */
import type { Rng } from '../roads/random';
import type { Router } from '../roads/router';
import type { OrderFactory } from './orders';

/** Mean free-flow pickup-to-dropoff seconds on generateCity's default city (see the calibrate test). */
export const REFERENCE_TRIP_SECONDS = 198;
export const OVERHEAD_SECONDS = 120;

/** The mean free-flow seconds of `samples` trips drawn as orders draw them (lunchtime mix). */
export function meanTripSeconds(router: Router, factory: OrderFactory, rng: Rng, samples = 200): number {
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const [p, d] = factory.sampleTrip(rng, 12.5);
    sum += router.route(p, d)?.seconds ?? 0;
  }
  return sum / samples;
}

/** The demand factor of a city from its mean trip seconds, within [0.25, 2]. */
export function cityDemandFactor(meanTripSec: number): number {
  const f = (REFERENCE_TRIP_SECONDS + OVERHEAD_SECONDS) / (meanTripSec + OVERHEAD_SECONDS);
  return Math.min(2, Math.max(0.25, f));
}
