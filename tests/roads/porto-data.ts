import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared Porto roads (see ../shared/data/porto/README.md); tests skip when it is absent. */
export const PORTO_ROADS = fileURLToPath(
  new URL('../../../shared/data/porto/porto_roads/porto_drive_roads_osm.geojson', import.meta.url),
);
export const hasPorto = existsSync(PORTO_ROADS);

let cached: unknown = null;
/** The parsed GeoJSON (parsed once per test file). */
export function portoGeoJson(): { features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number][] } }[] } {
  cached ??= JSON.parse(readFileSync(PORTO_ROADS, 'utf8'));
  return cached as ReturnType<typeof portoGeoJson>;
}
