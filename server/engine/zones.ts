import type { Zone } from '../../lib/api-types';
import type { EngineConfig } from './config';
import { hasFix, type DriverRecord } from './drivers';
import type { CellIndex } from './cells';

/** The engine as the zone tracker needs it. */
export interface ZoneSource {
  drivers: Map<string, DriverRecord>;
  cells: CellIndex;
}

interface ZoneState {
  demand: number;
  supply: number;
  /** smoothed surge as of `surgeTs` */
  surge: number;
  surgeTs: number;
  /** event time since when demand has exceeded supply by the undersupplied gap, or null */
  undersuppliedSince: number | null;
}

/**
 * Supply (idle drivers) and demand (unassigned orders) per H3 cell, and the surge multiplier.
 *
 * Demand is kept exact on every order change. Supply is counted at each tick (every `tickMs` of
 * event time) from the idle drivers' positions, which keeps H3 off the per-fix hot path.
 *
 * surge target = clamp(1 + surgeSlope * (demand / max(supply, 1) - 1), 1, surgeMax)
 * surge moves towards the target by 1 - exp(-dt / surgeTauMs) at each tick (dt = time since the
 * last tick; a zone new since then starts at 1), so a zone does not flicker when one driver comes
 * and goes, and a new hot spot rises over ticks instead of at once.
 */
export class ZoneTracker {
  readonly zones = new Map<string, ZoneState>();

  constructor(private readonly cfg: EngineConfig) {}

  private zone(cell: string): ZoneState {
    let z = this.zones.get(cell);
    if (!z) {
      z = { demand: 0, supply: 0, surge: 1, surgeTs: -Infinity, undersuppliedSince: null };
      this.zones.set(cell, z);
    }
    return z;
  }

  addDemand(cell: string, delta: number): void {
    this.zone(cell).demand += delta;
  }

  surgeTarget(supply: number, demand: number): number {
    const ratio = demand / Math.max(supply, 1);
    if (ratio <= 1) return 1;
    return Math.min(this.cfg.surgeMax, 1 + this.cfg.surgeSlope * (ratio - 1));
  }

  /** Idle drivers per cell now (H3 is asked only when a driver has left its last cell's shape). */
  countSupply(src: ZoneSource): Map<string, number> {
    const supply = new Map<string, number>();
    for (const d of src.drivers.values()) {
      if (d.status !== 'idle' || !hasFix(d)) continue;
      // The memo of the trail's steps usually holds the newest fix's cell already.
      const cell = src.cells.exactNear(d, d.lastLat, d.lastLng);
      supply.set(cell, (supply.get(cell) ?? 0) + 1);
    }
    return supply;
  }

  /** Evaluates the zones at `at`; the previous evaluation was at `prev`. */
  tick(src: ZoneSource, at: number, prev: number): void {
    const supply = this.countSupply(src);
    for (const z of this.zones.values()) z.supply = 0;
    for (const [cell, n] of supply) this.zone(cell).supply = n;
    for (const [cell, z] of this.zones) {
      const target = this.surgeTarget(z.supply, z.demand);
      // A zone new since the last tick starts from the neutral 1: it came to exist after `prev`.
      const dt = at - (z.surgeTs === -Infinity ? prev : z.surgeTs);
      const alpha = 1 - Math.exp(-dt / this.cfg.surgeTauMs);
      z.surge = z.surge + alpha * (target - z.surge);
      z.surgeTs = at;
      const short = z.demand - z.supply >= this.cfg.undersuppliedGap;
      if (short && z.undersuppliedSince === null) z.undersuppliedSince = at;
      if (!short) z.undersuppliedSince = null;
      if (!z.demand && !z.supply && Math.abs(z.surge - 1) < 0.01) this.zones.delete(cell);
    }
  }

  /** The zones as the read API shows them: supply counted now, surge as of the last tick. A read changes nothing. */
  list(src: ZoneSource): Zone[] {
    const supplyNow = this.countSupply(src);
    const out: Zone[] = [];
    for (const cell of new Set([...this.zones.keys(), ...supplyNow.keys()])) {
      const z = this.zones.get(cell);
      const supply = supplyNow.get(cell) ?? 0;
      const demand = z?.demand ?? 0;
      if (!demand && !supply) continue;
      out.push({
        cell,
        supply,
        demand,
        ratio: Math.round((demand / Math.max(supply, 1)) * 100) / 100,
        surge: Math.round((z?.surge ?? 1) * 100) / 100,
      });
    }
    return out.sort((a, b) => (a.cell < b.cell ? -1 : 1));
  }

  toJSON(): [string, ZoneState][] {
    return [...this.zones.entries()].map(([c, z]) => [c, { ...z }]);
  }

  load(rows: [string, ZoneState][]): this {
    for (const [c, z] of rows) this.zones.set(c, { ...z, surgeTs: z.surgeTs ?? -Infinity });
    return this;
  }
}
