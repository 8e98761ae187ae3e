import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shared Porto data (../shared/data/porto beside the project, or PORTO_DATA_DIR). Tests that
 * need it skip where it is absent (a newcomer's machine), unless REQUIRE_PORTO_DATA=1 (CI).
 */
export const PORTO_DIR = process.env.PORTO_DATA_DIR ?? fileURLToPath(new URL('../../../shared/data/porto', import.meta.url));
export const PORTO_ROADS = `${PORTO_DIR}/porto_roads/porto_drive_roads_osm.geojson`;
export const hasPorto = existsSync(PORTO_ROADS);
if (!hasPorto && process.env.REQUIRE_PORTO_DATA === '1') {
  throw new Error(`the Porto data is required (REQUIRE_PORTO_DATA=1) but ${PORTO_ROADS} does not exist; set PORTO_DATA_DIR`);
}

let cached: unknown = null;
/** The parsed GeoJSON (parsed once per test file). */
export function portoGeoJson(): { features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number][] } }[] } {
  // Without the data the suites are skipped; they are still collected, so answer an empty set.
  cached ??= hasPorto ? JSON.parse(readFileSync(PORTO_ROADS, 'utf8')) : { type: 'FeatureCollection', features: [] };
  return cached as ReturnType<typeof portoGeoJson>;
}
