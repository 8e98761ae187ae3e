import { describe, expect, it } from 'vitest';
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
