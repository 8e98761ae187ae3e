import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateCity } from './generate';
import type { RoadGraph } from './graph';
import { loadOsmGeoJson, OsmLoadError } from './osm';

/** The shared Porto data: PORTO_DATA_DIR, else ../shared/data/porto beside the project. */
export function portoDataDir(): string {
  return process.env.PORTO_DATA_DIR ?? fileURLToPath(new URL('../../../shared/data/porto', import.meta.url));
}

/** Porto's OpenStreetMap drivable roads in the shared data. */
export function portoRoadsFile(): string {
  return `${portoDataDir()}/porto_roads/porto_drive_roads_osm.geojson`;
}

/**
 * A road graph by name, for the server and the scripts (the I/O edge of server/roads):
 *  - `porto`: the OpenStreetMap roads of Porto from the shared data;
 *  - `city` or `city:SEED`: the simulator's generated city of that seed (default 1);
 *  - a path to an OSM GeoJSON file of LineStrings.
 */
export function loadRoadGraph(spec: string): RoadGraph {
  const city = /^city(?::(\d+))?$/.exec(spec);
  if (city) return generateCity(city[1] === undefined ? 1 : Number(city[1]));
  const file = spec === 'porto' ? portoRoadsFile() : spec;
  if (!fs.existsSync(file)) throw new OsmLoadError(`${file}: no such file (roads: porto, city[:SEED] or a GeoJSON path)`);
  return loadOsmGeoJson(fs.readFileSync(file, 'utf8'));
}
