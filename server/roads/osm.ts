/**
 * Loads a road graph from an OpenStreetMap GeoJSON FeatureCollection of LineStrings (one Feature
 * per OSM way), as exported by overpass/osmium-style tools. Properties used:
 *  - `highway` (required; ways of other or unknown types are skipped),
 *  - `node_ids` (the way's OSM node ids, one per coordinate: shared ids join ways into a network;
 *    without them, ways are joined where coordinates are equal to 1e-7 degrees),
 *  - `oneway` (`yes`/`-1`/`no`, with OSM's implied one-way motorways and roundabouts), `junction`,
 *  - `maxspeed` (km/h, `mph`, or `XX:urban`-style zones; else the class default).
 */
import { GraphBuilder, type BuildOptions } from './build';
import type { RoadGraph } from './graph';
import { defaultKph, parseMaxspeed, parseOneway, roadClassOf } from './road-class';

export class OsmLoadError extends Error {
  readonly code = 'OSM_LOAD';
  constructor(message: string) {
    super(message);
    this.name = 'OsmLoadError';
  }
}

interface Feature {
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Builds the graph of a GeoJSON FeatureCollection (the parsed object, or its JSON text). Keeps the
 * largest strongly connected component by default (see BuildOptions).
 *
 * @example
 *   const graph = loadOsmGeoJson(await readFile('porto_drive_roads_osm.geojson', 'utf8'));
 *   const router = new Router(graph);
 */
export function loadOsmGeoJson(geojson: unknown, options: BuildOptions = {}): RoadGraph {
  const doc = typeof geojson === 'string' ? (JSON.parse(geojson) as unknown) : geojson;
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { features?: unknown }).features)) {
    throw new OsmLoadError('geojson: must be a FeatureCollection with a features array');
  }
  const features = (doc as { features: Feature[] }).features;
  const builder = new GraphBuilder();
  const pointOf = new Map<number | string, number>();
  let ways = 0;
  for (const f of features) {
    const props = f?.properties ?? {};
    const cls = roadClassOf(props.highway);
    if (cls < 0 || f.geometry?.type !== 'LineString') continue;
    const coords = f.geometry.coordinates;
    if (!Array.isArray(coords) || coords.length < 2) continue;
    const ids = Array.isArray(props.node_ids) && props.node_ids.length === coords.length ? props.node_ids : null;
    const points: number[] = [];
    for (let i = 0; i < coords.length; i++) {
      const c = coords[i] as unknown;
      if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
        throw new OsmLoadError(`features[${features.indexOf(f)}].geometry.coordinates[${i}]: must be [lng, lat]`);
      }
      const key: number | string = ids ? (ids[i] as number) : `${c[0].toFixed(7)},${c[1].toFixed(7)}`;
      let p = pointOf.get(key);
      if (p === undefined) {
        p = builder.addPoint(c[1], c[0]);
        pointOf.set(key, p);
      }
      points.push(p);
    }
    const speed = parseMaxspeed(props.maxspeed) ?? defaultKph(cls);
    builder.addWay({ points, roadClass: cls, speedKph: speed, oneway: parseOneway(props.oneway, props.highway, props.junction) });
    ways++;
  }
  if (ways === 0) throw new OsmLoadError('geojson: no LineString feature with a drivable highway type');
  return builder.build(options);
}
