import { describe, expect, it } from 'vitest';
import { chainRoads, roadLines, simplifyLine, type RoadPiece } from '../../lib/map-roads';

const D = 0.001; // about 111 m of latitude

describe('road lines for the offline base map', () => {
  it('merges both directions of a street and chains a straight street through its junctions', () => {
    const pieces: RoadPiece[] = [
      { roadClass: 6, points: [[41, -8], [41, -8 + D]] },
      { roadClass: 6, points: [[41, -8 + D], [41, -8]] }, // the other direction
      { roadClass: 6, points: [[41, -8 + D], [41, -8 + 2 * D]] },
      { roadClass: 6, points: [[41, -8 + 3 * D], [41, -8 + 2 * D]] }, // drawn backwards
    ];
    const out = chainRoads(pieces);
    expect(out).toHaveLength(1);
    const lngs = out[0].points.map((p) => p[1]).sort((a, b) => a - b);
    expect(lngs).toEqual([-8, -8 + D, -8 + 2 * D, -8 + 3 * D]);
  });

  it('does not chain around a corner or across road classes', () => {
    const corner = chainRoads([
      { roadClass: 6, points: [[41, -8], [41, -8 + D]] },
      { roadClass: 6, points: [[41, -8 + D], [41 + D, -8 + D]] },
    ]);
    expect(corner).toHaveLength(2);
    const classes = chainRoads([
      { roadClass: 6, points: [[41, -8], [41, -8 + D]] },
      { roadClass: 2, points: [[41, -8 + D], [41, -8 + 2 * D]] },
    ]);
    expect(classes).toHaveLength(2);
  });

  it('at a crossing, carries on straight rather than turning', () => {
    const out = chainRoads([
      { roadClass: 6, points: [[41, -8], [41, -8 + D]] },
      { roadClass: 6, points: [[41, -8 + D], [41 + D, -8 + D]] }, // north
      { roadClass: 6, points: [[41, -8 + D], [41, -8 + 2 * D]] }, // straight on
    ]);
    expect(out).toHaveLength(2);
    expect(out.find((l) => l.points.length === 3)).toBeTruthy();
  });

  it('simplifies points within the tolerance and keeps real bends', () => {
    const line: [number, number][] = [[41, -8], [41.00001, -8 + D], [41, -8 + 2 * D], [41 + D, -8 + 2 * D]];
    // 0.00001 degrees of latitude is about 1 m: dropped at 4 m, kept at 0.5 m.
    expect(simplifyLine(line, 4)).toEqual([line[0], line[2], line[3]]);
    expect(simplifyLine(line, 0.5)).toHaveLength(4);
  });

  it('writes GeoJSON order [lng, lat] rounded to 5 decimals', () => {
    const [l] = roadLines([{ roadClass: 3, points: [[41.1234567, -8.7654321], [41.2, -8.7]] }]);
    expect(l).toEqual({ roadClass: 3, coords: [[-8.76543, 41.12346], [-8.7, 41.2]] });
  });
});
