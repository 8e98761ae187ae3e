import type { VehicleUpsert } from '../../lib/live-types';
import { inBBox, type BBox } from '../../lib/geo';
import { hasFix, type DriverRecord } from '../engine/drivers';
import type { Engine } from '../engine/engine';

/** A driver as the map shows it, or null when it is not on the map (offline or never located). */
export function vehicleOf(engine: Engine, d: DriverRecord): VehicleUpsert | null {
  if (d.status === 'offline' || !hasFix(d)) return null;
  const m = engine.motion(d);
  return { id: d.id, lat: d.lastLat, lng: d.lastLng, status: d.status, heading: m.heading, speedKph: m.speedKph, ts: d.lastTs };
}

/** Memoizes vehicles for one tick so that many clients share the same objects. */
export class VehicleCache {
  private readonly cache = new Map<string, VehicleUpsert | null>();

  constructor(private readonly engine: Engine) {}

  get(id: string): VehicleUpsert | null {
    let v = this.cache.get(id);
    if (v === undefined) {
      const d = this.engine.drivers.get(id);
      v = d ? vehicleOf(this.engine, d) : null;
      this.cache.set(id, v);
    }
    return v;
  }
}

export function visible(v: VehicleUpsert | null, box: BBox | null): v is VehicleUpsert {
  return v !== null && (box === null || inBBox(box, v.lat, v.lng));
}

/** Every vehicle in view: the body of a full frame. */
export function allVehicles(engine: Engine, cache: VehicleCache, box: BBox | null): VehicleUpsert[] {
  const out: VehicleUpsert[] = [];
  for (const id of engine.drivers.keys()) {
    const v = cache.get(id);
    if (visible(v, box)) out.push(v);
  }
  return out;
}

/** Checks a viewport sent by a client: [west, south, east, north] in degrees, or null. */
export function parseViewport(raw: unknown): BBox | null | undefined {
  if (raw === null) return null;
  if (!Array.isArray(raw) || raw.length !== 4 || !raw.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  const [w, s, e, n] = raw as number[];
  if (s < -90 || n > 90 || s > n || w < -180 || e > 180 || w > e) return undefined;
  return [w, s, e, n];
}
