import { describe, expect, it } from 'vitest';
import { haversineM } from '../../lib/geo';
import { loadOsmGeoJson } from '../../server/roads/osm';
import { Rng } from '../../server/roads/random';
import { Router } from '../../server/roads/router';
import { hasPorto, portoGeoJson } from './porto-data';

const SAO_BENTO = { lat: 41.1456, lng: -8.6104 };
const CASA_DA_MUSICA = { lat: 41.1588, lng: -8.6307 };
const DRAGAO = { lat: 41.1618, lng: -8.5839 };

describe.skipIf(!hasPorto)('Porto roads (OpenStreetMap)', () => {
  // Built at collection, so only where the data is (the suite is skipped elsewhere).
  const graph = hasPorto ? loadOsmGeoJson(portoGeoJson()) : (null as never);
  const router = hasPorto ? new Router(graph) : (null as never);

  it('loads into a plausible junction graph inside the data bounding box', () => {
    // 60,616 OSM nodes, about 12,000 of them junctions; ~98% in the big component.
    expect(graph.nodeCount).toBeGreaterThan(10_000);
    expect(graph.nodeCount).toBeLessThan(15_000);
    expect(graph.edgeCount).toBeGreaterThan(2 * graph.nodeCount * 0.9);
    expect(graph.edgeCount).toBeLessThan(3 * graph.nodeCount);
    const [w, s, e, n] = graph.bbox;
    // The README's bounding box, to its 4 decimals.
    expect(w).toBeGreaterThanOrEqual(-8.70295);
    expect(e).toBeLessThanOrEqual(-8.51835);
    expect(s).toBeGreaterThanOrEqual(41.11985);
    expect(n).toBeLessThanOrEqual(41.19665);
    let km = 0;
    for (let e2 = 0; e2 < graph.edgeCount; e2++) km += graph.lengthM[e2] / 1000;
    // Each two-way street counts twice: some 1,900 km of lanes.
    expect(km).toBeGreaterThan(1500);
    expect(km).toBeLessThan(2500);
  });

  it('snaps known places to a junction within a block', () => {
    for (const p of [SAO_BENTO, CASA_DA_MUSICA, DRAGAO]) {
      const v = graph.nearestNode(p.lat, p.lng);
      expect(haversineM(graph.lat[v], graph.lng[v], p.lat, p.lng)).toBeLessThan(150);
    }
  });

  it('routes between known places over a road distance 1x to 2x the straight line', () => {
    for (const [a, b] of [
      [SAO_BENTO, CASA_DA_MUSICA],
      [CASA_DA_MUSICA, DRAGAO],
      [DRAGAO, SAO_BENTO],
    ]) {
      const from = graph.nearestNode(a.lat, a.lng);
      const to = graph.nearestNode(b.lat, b.lng);
      const r = router.route(from, to)!;
      const straight = haversineM(graph.lat[from], graph.lng[from], graph.lat[to], graph.lng[to]);
      expect(r.metres / straight).toBeGreaterThanOrEqual(1);
      expect(r.metres / straight).toBeLessThan(2);
      // A city route: between 15 and 80 km/h on average.
      expect(r.metres / r.seconds).toBeGreaterThan(15 / 3.6);
      expect(r.metres / r.seconds).toBeLessThan(80 / 3.6);
    }
  });

  it('reaches every node from every other (strongly connected) — and reports routes/s', () => {
    const rng = new Rng(11);
    const n = 2000;
    const pairs = Array.from({ length: n }, () => [rng.int(graph.nodeCount), rng.int(graph.nodeCount)]);
    const t0 = performance.now();
    let metres = 0;
    for (const [a, b] of pairs) metres += router.route(a, b)!.metres;
    const ms = performance.now() - t0;
    console.log(
      `Porto: ${graph.nodeCount} nodes, ${graph.edgeCount} edges; ${n} random routes (mean ${(metres / n / 1000).toFixed(1)} km) in ${ms.toFixed(0)} ms: ${Math.round((n / ms) * 1000)} routes/s`,
    );
    expect(metres).toBeGreaterThan(0);
  });
});
