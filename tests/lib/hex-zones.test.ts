import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellPolygon } from '../../lib/hex-zones';

describe('hex zone polygons', () => {
  it('gives the six corners of a cell around the point it contains', () => {
    const cell = latLngToCell(41.15, -8.61, 8);
    const ring = cellPolygon(cell)!;
    expect(ring).toHaveLength(6);
    const lat = ring.reduce((s, p) => s + p[0], 0) / 6;
    const lng = ring.reduce((s, p) => s + p[1], 0) / 6;
    expect(Math.abs(lat - 41.15)).toBeLessThan(0.01);
    expect(Math.abs(lng + 8.61)).toBeLessThan(0.01);
    expect(cellPolygon(cell)).toBe(ring); // computed once
  });

  it('answers null for something that is not a cell', () => {
    expect(cellPolygon('not-a-cell')).toBeNull();
  });
});
