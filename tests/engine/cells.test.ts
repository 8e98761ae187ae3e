import { describe, expect, it } from 'vitest';
import { CellIndex, emptyCellMemo } from '../../server/engine/cells';
import { mulberry32 } from '../../scripts/bench/gen';

describe('CellIndex.exactNear', () => {
  it('always answers what H3 answers, for a random walk that crosses many cells', () => {
    const cells = new CellIndex(8);
    const memo = emptyCellMemo();
    const rnd = mulberry32(3);
    let lat = 41.15;
    let lng = -8.61;
    let crossings = 0;
    let last = '';
    for (let i = 0; i < 20_000; i++) {
      lat += (rnd() - 0.5) * 0.002;
      lng += (rnd() - 0.5) * 0.002;
      const near = cells.exactNear(memo, lat, lng);
      expect(near).toBe(cells.exact(lat, lng));
      if (near !== last) crossings++;
      last = near;
    }
    expect(crossings).toBeGreaterThan(100);
  });

  it('is exact for points a few centimetres either side of a cell edge', () => {
    const cells = new CellIndex(8);
    const rnd = mulberry32(5);
    for (let i = 0; i < 2000; i++) {
      const memo = emptyCellMemo();
      const lat = 41.1 + rnd() * 0.1;
      const lng = -8.7 + rnd() * 0.1;
      cells.exactNear(memo, lat, lng);
      // Probe along a line through the start point in tiny steps: many land close to an edge.
      const dLat = (rnd() - 0.5) * 2e-7;
      const dLng = (rnd() - 0.5) * 2e-7;
      for (let k = 0; k < 50; k++) {
        const pLat = lat + dLat * k * 400;
        const pLng = lng + dLng * k * 400;
        expect(cells.exactNear(memo, pLat, pLng)).toBe(cells.exact(pLat, pLng));
      }
    }
  });
});
