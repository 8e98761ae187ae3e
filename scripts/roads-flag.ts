import fs from 'node:fs';
import path from 'node:path';
import { loadRoadGraph, portoRoadsFile } from '../server/roads/load';

/**
 * The `--roads SPEC` of `npm run import` and `npm run days -- add`: the roads an imported day was
 * driven on (`porto`, or an OSM GeoJSON path), checked by loading them; `none` records none. A
 * path is recorded absolute, so the server finds it from wherever it runs. The Porto importer
 * defaults to Porto's roads when the shared data has them.
 */
export function roadsFlag(value: string | undefined, fallback: 'porto' | undefined, fail: (message: string) => never): string | undefined {
  if (value === 'none') return undefined;
  if (value === undefined) return fallback === 'porto' && fs.existsSync(portoRoadsFile()) ? 'porto' : undefined;
  if (/^city(:\d+)?$/.test(value)) fail(`--roads: must be porto or an OSM GeoJSON path (a generated city is not where real trips were driven)`);
  const spec = value === 'porto' ? value : path.resolve(value);
  try {
    loadRoadGraph(spec);
  } catch (err) {
    fail(`--roads: ${(err as Error).message}`);
  }
  return spec;
}
