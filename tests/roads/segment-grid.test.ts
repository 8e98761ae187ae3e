import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCity } from '../../server/roads/generate';
import { SegmentGrid } from '../../server/roads/segment-grid';
import { at, tinyGraph } from './tiny-graphs';

describe('SegmentGrid.nearest', () => {
  // One straight 2 km street with no shape point between its ends, and a short side street.
  const { graph, node } = tinyGraph({ A: [0, 0], C: [2000, 0], S: [1000, 0], N: [1000, 300] }, [
    { points: ['A', 'S', 'C'] },
    { points: ['S', 'N'], oneway: 1 },
  ]);
  const grid = new SegmentGrid(graph, 100);

  it('finds the middle of a long straight street, with the distance to it and the metres along it', () => {
    const snap = grid.nearest(...at(500, 40))!;
    expect(snap.distM).toBeCloseTo(40, 0);
    const e = snap.edge;
    expect([graph.edgeFrom[e], graph.edgeTo[e]]).toContain(node('A'));
    // 500 m from A, and as far from S (the piece is 1 km): either direction of the street.
    expect(snap.alongM).toBeCloseTo(500, -1);
  });

  it('answers null farther than a cell from any road', () => {
    expect(grid.nearest(...at(500, 250))).toBeNull();
  });

  it('picks the side street when it is nearer', () => {
    const snap = grid.nearest(...at(1010, 200))!;
    expect(snap.edge).toBe(graph.edgeBetween(node('S'), node('N')));
    expect(snap.alongM).toBeCloseTo(200, -1);
  });
});

describe('SegmentGrid.nearest against a scan of every road', () => {
  const graph = generateCity(3);
  const grid = new SegmentGrid(graph, 100);
  const kx = 111_320 * Math.cos((((graph.bbox[1] + graph.bbox[3]) / 2) * Math.PI) / 180);

  /** The least (distance, edge) over every piece of every road, in the grid's flat metres. */
  function scanAll(lat: number, lng: number): { edge: number; distM: number; alongM: number } | null {
    let best: { edge: number; d: number; k: number; t: number } | null = null;
    for (let e = 0; e < graph.edgeCount; e++) {
      for (let k = graph.geomStart[e]; k < graph.geomStart[e + 1] - 1; k++) {
        const ax = (graph.geomLng[k] - lng) * kx;
        const ay = (graph.geomLat[k] - lat) * 111_320;
        const dx = (graph.geomLng[k + 1] - lng) * kx - ax;
        const dy = (graph.geomLat[k + 1] - lat) * 111_320 - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
        const d = (ax + t * dx) ** 2 + (ay + t * dy) ** 2;
        if (!best || d < best.d || (d === best.d && e < best.edge)) best = { edge: e, d, k, t };
      }
    }
    if (!best) return null;
    const cum = graph.geomCumM;
    return { edge: best.edge, distM: Math.sqrt(best.d), alongM: cum[best.k] + best.t * (cum[best.k + 1] - cum[best.k]) };
  }

  it('finds the same road (and nearestEdge its edge), distance and place along it as the full scan, within any reach', () => {
    // Points up to 150 m from a shape point: near roads, often nearer one in a neighbouring cell.
    const points = graph.geomLat.length;
    fc.assert(
      fc.property(fc.nat(points - 1), fc.integer({ min: -150, max: 150 }), fc.integer({ min: -150, max: 150 }), fc.integer({ min: 1, max: 100 }), (p, xM, yM, reach) => {
        const lat = graph.geomLat[p] + yM / 111_320;
        const lng = graph.geomLng[p] + xM / kx;
        const want = scanAll(lat, lng);
        const near = (r: number) => (want && want.distM <= r ? want : null);
        for (const [got, r] of [[grid.nearest(lat, lng), 100], [grid.nearest(lat, lng, reach), reach]] as const) {
          const expected = near(r);
          expect(grid.nearestEdge(lat, lng, r)).toBe(expected ? expected.edge : -1);
          if (!expected) expect(got).toBeNull();
          else {
            expect(got?.edge).toBe(expected.edge);
            expect(got!.distM).toBeCloseTo(expected.distM, 9);
            expect(got!.alongM).toBeCloseTo(expected.alongM, 6);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
