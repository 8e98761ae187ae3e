import { latLngToCell } from 'h3-js';

/** Quantum of the approximate cell cache: 0.001 degrees, about 110 m north-south. */
const Q = 1000;

/**
 * H3 cells of positions. `exact` asks H3 (about 1 µs a call); `approx` answers from a cache keyed
 * by the position rounded to 0.001 degrees, for the per-fix hot path (learning zone speeds),
 * where a step attributed to a neighbouring cell within ~100 m of a border does not matter. Both
 * are pure functions of the position, so results never depend on arrival order.
 */
export class CellIndex {
  private readonly cache = new Map<number, string>();

  constructor(readonly resolution: number) {}

  exact(lat: number, lng: number): string {
    return latLngToCell(lat, lng, this.resolution);
  }

  approx(lat: number, lng: number): string {
    const qa = Math.round(lat * Q);
    const qn = Math.round(lng * Q);
    const key = (qa + 90 * Q) * (360 * Q + 1) + (qn + 180 * Q);
    let cell = this.cache.get(key);
    if (cell === undefined) {
      if (this.cache.size > 500_000) this.cache.clear();
      cell = latLngToCell(qa / Q, qn / Q, this.resolution);
      this.cache.set(key, cell);
    }
    return cell;
  }
}
