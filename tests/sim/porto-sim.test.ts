import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../lib/validate';
import { loadOsmGeoJson } from '../../server/roads/osm';
import { DaySimulator, type TruthRecord } from '../../server/sim/index';
import type { PositionTruth } from '../../server/sim/truth';
import { hasPorto, portoGeoJson } from '../roads/porto-data';
import { distanceToEdgeM, SegmentIndex, teleports, tracks } from './checks';

describe.skipIf(!hasPorto)('simulating on Porto roads', () => {
  // Built at collection, so only where the data is (the suite is skipped elsewhere).
  const data = portoGeoJson();
  const city = hasPorto ? loadOsmGeoJson(data) : (null as never);
  const positions: PositionTruth[] = [];
  const sim = hasPorto ? new DaySimulator(
    { seed: 3, drivers: 40, date: '2026-11-25', city, truthPositions: true },
    { onTruth: (r: TruthRecord) => void (r.kind === 'position' && positions.push(r)) },
  ) : null;
  // Up to the lunch peak.
  const events = sim ? sim.advanceTo(Date.UTC(2026, 10, 25, 13, 30)) : [];

  it('keeps every vehicle on the roads of the OpenStreetMap file', () => {
    // Checked against the raw GeoJSON lines, not the graph built from them.
    const roads = new SegmentIndex(
      data.features.map((f) => f.geometry.coordinates),
      41.16,
    );
    let worst = 0;
    for (const p of positions) worst = Math.max(worst, roads.distanceM(p.lat, p.lng));
    expect(positions.length).toBeGreaterThan(20_000);
    expect(worst).toBeLessThan(1);
    const offEdge = positions.filter((p) => p.edge >= 0 && distanceToEdgeM(city, p.edge, p.lat, p.lng) > 0.5);
    expect(offEdge).toEqual([]);
  });

  it('never moves a vehicle faster than the road allows', () => {
    expect(positions.filter((p) => p.edge >= 0 && p.speedKph > city.speedKph[p.edge] + 1e-9)).toEqual([]);
    const bad = [...tracks(positions).values()].flatMap((t) => teleports(t, city.maxSpeedKph, 10_000));
    expect(bad).toEqual([]);
  });

  it('sends valid events with GPS noise of a few metres around the true position', () => {
    expect(events.every((e) => validateEvent(JSON.parse(JSON.stringify(e))).ok)).toBe(true);
    const truthAt = new Map(positions.map((p) => [`${p.driverId}@${p.ts}`, p]));
    const errors: number[] = [];
    for (const e of events) {
      if (e.type !== 'location') continue;
      const t = truthAt.get(`${e.driverId}@${e.ts}`)!;
      errors.push(Math.hypot((e.lat - t.lat) * 111_320, (e.lng - t.lng) * 111_320 * Math.cos((t.lat * Math.PI) / 180)));
    }
    errors.sort((a, b) => a - b);
    const median = errors[Math.floor(errors.length / 2)];
    expect(median).toBeGreaterThan(2);
    expect(median).toBeLessThan(8);
    // A few GPS jumps of hundreds of metres, by design.
    expect(errors.filter((x) => x > 100).length / errors.length).toBeLessThan(0.002);
  });

  it('sizes demand to the city: Porto trips are longer than the generated city’s', () => {
    expect(sim!.demandFactor).toBeGreaterThan(0.6);
    expect(sim!.demandFactor).toBeLessThan(0.95);
  });
});
