import { describe, expect, it } from 'vitest';
import { generateCity } from '../../server/roads/generate';
import { loadRoadGraph } from '../../server/roads/load';
import { OsmLoadError } from '../../server/roads/osm';
import { Router } from '../../server/roads/router';
import { hasPorto } from './porto-data';

describe('loadRoadGraph', () => {
  it('city:SEED is the simulator\'s generated city of that seed', () => {
    const g = loadRoadGraph('city:4');
    const same = generateCity(4);
    expect(g.nodeCount).toBe(same.nodeCount);
    expect(Array.from(g.lengthM.slice(0, 50))).toEqual(Array.from(same.lengthM.slice(0, 50)));
  });

  it('refuses a missing file with an error naming it', () => {
    expect(() => loadRoadGraph('/nonexistent/roads.geojson')).toThrow(OsmLoadError);
    expect(() => loadRoadGraph('/nonexistent/roads.geojson')).toThrow(/\/nonexistent\/roads\.geojson: no such file/);
  });

  it.skipIf(!hasPorto)('porto is the OSM roads of Porto, where a taxi trip of the data routes within reason', () => {
    const g = loadRoadGraph('porto');
    const router = new Router(g);
    // The first trip of porto_train_first1500.csv: 23 fixes (330 s), 1.8 km as the crow flies.
    const a = g.nearestNode(41.141412, -8.618643);
    const b = g.nearestNode(41.154489, -8.630838);
    const r = router.route(a, b)!;
    expect(r).not.toBeNull();
    // The taxi's GPS path is 2.65 km; the fastest route on the map (2.8 km) is of that order.
    expect(r.metres).toBeGreaterThan(1800);
    expect(r.metres).toBeLessThan(3200);
  });
});
