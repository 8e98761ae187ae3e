import type { DriverStatus } from './api-types';
import type { VehicleUpsert, VehiclesFrame } from './live-types';

/** One vehicle as the map draws it: where it was, where it is going, and since when. */
export interface VehicleState {
  id: string;
  status: DriverStatus;
  heading: number | null;
  speedKph: number | null;
  /** event time of the newest fix */
  ts: number;
  /** position the marker glides from, and the wall time (ms) the glide started */
  fromLat: number;
  fromLng: number;
  /** the newest fix: where the marker glides to */
  lat: number;
  lng: number;
  movedAt: number;
}

/**
 * Vehicles keyed by id, fed by `vehicles` frames. No framework: the map reads it every animation
 * frame and moves markers itself, so React never re-renders per vehicle. `version` grows with
 * every change so readers can tell whether anything moved.
 */
export class VehicleStore {
  readonly vehicles = new Map<string, VehicleState>();
  /** ids added or removed since the last `takeMembershipChanges` */
  private added = new Set<string>();
  private gone = new Set<string>();
  version = 0;
  /** event time of the newest frame */
  frameTs = 0;

  apply(frame: VehiclesFrame, wallNow: number): void {
    if (frame.full) {
      const keep = new Set(frame.upserts.map((v) => v.id));
      for (const id of this.vehicles.keys()) if (!keep.has(id)) this.remove(id);
    }
    for (const u of frame.upserts) this.upsert(u, wallNow);
    for (const id of frame.removed) this.remove(id);
    this.frameTs = frame.ts;
    this.version++;
  }

  private upsert(u: VehicleUpsert, wallNow: number): void {
    const v = this.vehicles.get(u.id);
    if (!v) {
      this.vehicles.set(u.id, { id: u.id, status: u.status, heading: u.heading, speedKph: u.speedKph, ts: u.ts, fromLat: u.lat, fromLng: u.lng, lat: u.lat, lng: u.lng, movedAt: wallNow });
      this.added.add(u.id);
      this.gone.delete(u.id);
      return;
    }
    if (u.ts < v.ts) return; // an older fix never moves a vehicle back
    const p = positionAt(v, wallNow, GLIDE_MS);
    v.fromLat = p.lat;
    v.fromLng = p.lng;
    v.lat = u.lat;
    v.lng = u.lng;
    v.movedAt = wallNow;
    v.status = u.status;
    v.heading = u.heading;
    v.speedKph = u.speedKph;
    v.ts = u.ts;
  }

  private remove(id: string): void {
    if (this.vehicles.delete(id)) {
      this.gone.add(id);
      this.added.delete(id);
    }
  }

  clear(): void {
    for (const id of this.vehicles.keys()) this.gone.add(id);
    this.vehicles.clear();
    this.added.clear();
    this.version++;
  }

  /** Ids that appeared and disappeared since the last call (the layer adds/removes markers). */
  takeMembershipChanges(): { added: string[]; removed: string[] } {
    const out = { added: [...this.added], removed: [...this.gone] };
    this.added.clear();
    this.gone.clear();
    return out;
  }

}

/** How long a marker takes to glide to a new fix. */
export const GLIDE_MS = 900;

/** The drawn position at `wallNow`: eased from the previous position to the newest fix. */
export function positionAt(v: VehicleState, wallNow: number, glideMs = GLIDE_MS): { lat: number; lng: number } {
  const t = Math.min(1, Math.max(0, (wallNow - v.movedAt) / glideMs));
  const e = t * (2 - t); // ease-out
  return { lat: v.fromLat + (v.lat - v.fromLat) * e, lng: v.fromLng + (v.lng - v.fromLng) * e };
}

export type FixAge = 'fresh' | 'ageing' | 'stale';

/** How old a vehicle's newest fix is against the fleet's clock (event time). */
export function fixAge(v: VehicleState, clockTs: number): FixAge {
  const age = clockTs - v.ts;
  if (age <= 30_000) return 'fresh';
  if (age <= 120_000) return 'ageing';
  return 'stale';
}
