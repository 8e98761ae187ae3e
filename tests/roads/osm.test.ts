import { describe, expect, it } from 'vitest';
import { loadOsmGeoJson, OsmLoadError } from '../../server/roads/osm';
import { Router } from '../../server/roads/router';
import { parseMaxspeed, parseOneway, roadClassName } from '../../server/roads/road-class';

type Props = Record<string, unknown>;
const way = (nodeIds: number[], coords: [number, number][], props: Props = {}) => ({
  type: 'Feature',
  properties: { highway: 'residential', node_ids: nodeIds, ...props },
  geometry: { type: 'LineString', coordinates: coords },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

// A small T: a main street 1-2-3 (east-west) and a side street 2-4 (north), lng/lat near Porto.
const P1: [number, number] = [-8.62, 41.15];
const P2: [number, number] = [-8.61, 41.15];
const P3: [number, number] = [-8.6, 41.15];
const P4: [number, number] = [-8.61, 41.16];

describe('loadOsmGeoJson', () => {
  it('joins ways at shared node ids and keeps only junctions and ends as nodes', () => {
    const g = loadOsmGeoJson(
      fc(way([1, 2, 3], [P1, P2, P3], { highway: 'primary' }), way([2, 4], [P2, P4])),
    );
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(6);
    const n2 = g.nearestNode(P2[1], P2[0]);
    expect(g.firstOut[n2 + 1] - g.firstOut[n2]).toBe(3);
  });

  it('keeps the shape of a road between junctions as edge geometry', () => {
    // 1-2-3 is one road: 2 is not a junction, so one edge each way with 3 shape points.
    const g = loadOsmGeoJson(fc(way([1, 2, 3], [P1, P2, P3])));
    expect(g.nodeCount).toBe(2);
    expect(g.edgeCount).toBe(2);
    expect(g.geomStart[1] - g.geomStart[0]).toBe(3);
    expect(g.lengthM[0]).toBeCloseTo(1675, -1);
    const [lat, lng] = g.pointAlong(0, g.lengthM[0] / 2);
    expect(lat).toBeCloseTo(41.15, 5);
    expect(lng).toBeCloseTo(-8.61, 3);
  });

  it('merges ways drawn end to end with the same class and speed', () => {
    const g = loadOsmGeoJson(fc(way([1, 2], [P1, P2]), way([2, 3], [P2, P3])));
    expect(g.nodeCount).toBe(2);
    const h = loadOsmGeoJson(fc(way([1, 2], [P1, P2]), way([2, 3], [P2, P3], { maxspeed: '50' })));
    expect(h.nodeCount).toBe(3);
  });

  it('honours oneway yes, -1 and implied one-way roundabouts and motorways', () => {
    const router = (props: Props) => {
      const g = loadOsmGeoJson(fc(way([1, 2], [P1, P2], props), way([2, 3, 1], [P2, P4, P1], { highway: 'tertiary' })));
      const r = new Router(g);
      const a = g.nearestNode(P1[1], P1[0]);
      const b = g.nearestNode(P2[1], P2[0]);
      // The direct road is 837 m; the way round by the other road is longer.
      const how = (m: number) => (m < 900 ? 'direct' : 'around');
      return { forward: how(r.route(a, b)!.metres), backward: how(r.route(b, a)!.metres) };
    };
    const both = { forward: 'direct', backward: 'direct' };
    const onlyForward = { forward: 'direct', backward: 'around' };
    expect(router({})).toEqual(both);
    expect(router({ oneway: 'yes' })).toEqual(onlyForward);
    expect(router({ oneway: '-1' })).toEqual({ forward: 'around', backward: 'direct' });
    expect(router({ junction: 'roundabout' })).toEqual(onlyForward);
    expect(router({ highway: 'motorway' })).toEqual(onlyForward);
    expect(router({ highway: 'motorway', oneway: 'no' })).toEqual(both);
  });

  it('takes speeds from maxspeed, else from the road class', () => {
    const g = loadOsmGeoJson(
      fc(way([1, 2], [P1, P2], { maxspeed: '20 mph' }), way([2, 3], [P2, P3], { highway: 'primary' }), way([3, 1], [P3, P1])),
    );
    const speeds = Array.from(g.speedKph).map((x) => Math.round(x)).sort((a, b) => a - b);
    expect(speeds).toEqual([30, 30, 32, 32, 50, 50]);
    const classes = new Set(Array.from(g.roadClass, (c) => roadClassName(c)));
    expect(classes).toEqual(new Set(['residential', 'primary']));
  });

  it('keeps only the largest strongly connected part by default', () => {
    // A one-way spur 3 -> 5 can be entered but never left: dropped with "strong", kept with "weak".
    const P5: [number, number] = [-8.59, 41.15];
    const data = fc(way([1, 2, 3], [P1, P2, P3]), way([2, 4], [P2, P4]), way([3, 5], [P3, P5], { oneway: 'yes' }));
    expect(loadOsmGeoJson(data).nodeCount).toBe(4);
    expect(loadOsmGeoJson(data, { component: 'weak' }).nodeCount).toBe(5);
  });

  it('joins ways by equal coordinates when node_ids are missing', () => {
    const strip = (f: ReturnType<typeof way>) => ({ ...f, properties: { highway: 'residential' } });
    const g = loadOsmGeoJson(fc(strip(way([1, 2, 3], [P1, P2, P3])), strip(way([2, 4], [P2, P4]))));
    expect(g.nodeCount).toBe(4);
  });

  it('skips features that are not drivable LineStrings and fails clearly on bad input', () => {
    const g = loadOsmGeoJson(
      fc(way([1, 2], [P1, P2]), way([2, 3], [P2, P3], { highway: 'footway' }), {
        type: 'Feature',
        properties: { highway: 'primary' },
        geometry: { type: 'Point', coordinates: P1 },
      }),
    );
    expect(g.nodeCount).toBe(2);
    expect(() => loadOsmGeoJson({ type: 'Feature' })).toThrow(OsmLoadError);
    expect(() => loadOsmGeoJson(fc(way([1, 2], [P1, P2], { highway: 'footway' })))).toThrow(/no LineString feature/);
    expect(() => loadOsmGeoJson(fc(way([1, 2], [P1, ['x', 1] as never])))).toThrow(/coordinates\[1\]: must be \[lng, lat\]/);
  });
});

describe('OSM tag parsing', () => {
  it('parses maxspeed numbers, mph, zones and rejects junk', () => {
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeed('PT:urban')).toBe(50);
    expect(parseMaxspeed('50;30')).toBe(50);
    expect(parseMaxspeed('none')).toBeUndefined();
    expect(parseMaxspeed(undefined)).toBeUndefined();
  });

  it('parses oneway with the implied rules', () => {
    expect(parseOneway('yes', 'residential', undefined)).toBe(1);
    expect(parseOneway('-1', 'residential', undefined)).toBe(-1);
    expect(parseOneway(undefined, 'motorway', undefined)).toBe(1);
    expect(parseOneway(undefined, 'primary', 'roundabout')).toBe(1);
    expect(parseOneway('no', 'motorway', undefined)).toBe(0);
    expect(parseOneway(undefined, 'residential', undefined)).toBe(0);
  });
});
