import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { roadLines, type RoadPiece } from '../../lib/map-roads';
import type { ServerConfig } from '../config';
import { dayRoads, roadGraphOf } from '../days/day-eta';
import type { DayRecord } from '../days/day-store';
import { seedOfDay } from '../demo/live-simulator';
import { generateCity } from '../roads/generate';
import type { RoadGraph } from '../roads/graph';
import { roadClassName } from '../roads/road-class';
import { HttpError } from './respond';

/** The recorded days, by id (the day store). */
export interface DayRecords {
  record(id: string): DayRecord | undefined;
}

const DAY_MS = 86_400_000;

interface Prepared {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/** Where a base map's roads come from, said in the GeoJSON (foreign members, RFC 7946 section 6.1). */
type RoadsOrigin = { city: 'generated'; seed: number } | { city: 'osm'; roads: string };

/** Road networks as served, by roads spec: a few kept (generating or loading takes 0.1 to 2 s). */
const prepared = new Map<string, Prepared>();

/**
 * The seed of the city the built-in simulator drives today: SIM_SEED when set, else the day's
 * own seed (server/demo/live-simulator.ts), so the roads drawn are the ones the vehicles follow.
 * With SIMULATOR=off the same generated city is served: the demo's base map, on Porto.
 */
export function roadsSeed(cfg: Pick<ServerConfig, 'simSeed'>, now = Date.now()): number {
  return cfg.simSeed ?? seedOfDay(Math.floor(now / DAY_MS) * DAY_MS);
}

/** A road graph as a GeoJSON FeatureCollection of LineStrings, one per chained street. */
export function roadsGeoJson(graph: RoadGraph, origin: RoadsOrigin): object {
  const pieces: RoadPiece[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const points: [number, number][] = [];
    for (let g = graph.geomStart[e]; g < graph.geomStart[e + 1]; g++) points.push([graph.geomLat[g], graph.geomLng[g]]);
    pieces.push({ roadClass: graph.roadClass[e], points });
  }
  const lines = roadLines(pieces);
  return {
    type: 'FeatureCollection',
    ...origin,
    bbox: graph.bbox,
    features: lines.map((l) => ({
      type: 'Feature',
      properties: { class: roadClassName(l.roadClass) },
      geometry: { type: 'LineString', coordinates: l.coords },
    })),
  };
}

function prepare(spec: string): Prepared {
  let body = prepared.get(spec);
  if (body) return body;
  const city = /^city:(\d+)$/.exec(spec);
  const origin: RoadsOrigin = city ? { city: 'generated', seed: Number(city[1]) } : { city: 'osm', roads: spec };
  const json = Buffer.from(JSON.stringify(roadsGeoJson(city ? generateCity(Number(city[1])) : roadGraphOf(spec), origin)));
  const tag = createHash('sha1').update(spec).digest('hex').slice(0, 12);
  body = { etag: `"roads-${tag}-${json.length}"`, json, gzip: gzipSync(json) };
  prepared.set(spec, body);
  while (prepared.size > 3) prepared.delete(prepared.keys().next().value!);
  return body;
}

/**
 * GET /api/roads: a road network as GeoJSON, for the map's base layer when tiles cannot load: the
 * simulated city the live fleet drives, or with `?day=ID` the roads of that recorded day (its
 * generated city, or the roads its importer named, such as Porto's). Gzipped when the client
 * accepts it; cacheable and revalidated by ETag (today's city changes at midnight UTC).
 */
export function handleRoads(req: IncomingMessage, res: ServerResponse, url: URL, cfg: Pick<ServerConfig, 'simSeed'>, days?: DayRecords): void {
  const dayId = url.searchParams.get('day');
  let spec = `city:${roadsSeed(cfg)}`;
  // The live city changes at midnight UTC (unless SIM_SEED fixes it): never cached past it.
  let maxAge = cfg.simSeed == null ? Math.min(3600, Math.ceil((DAY_MS - (Date.now() % DAY_MS)) / 1000)) : 3600;
  if (dayId !== null) {
    const record = days?.record(dayId);
    if (!record) throw new HttpError(404, 'not_found', `day: no recorded day "${dayId}"`);
    // An imported day that does not name its roads is shown on the live city, as its ETAs are.
    const own = dayRoads(record);
    if (own) {
      spec = own;
      maxAge = 3600;
    }
  }
  const body = prepare(spec);
  const headers: Record<string, string> = {
    'content-type': 'application/geo+json; charset=utf-8',
    'cache-control': `public, max-age=${maxAge}`,
    etag: body.etag,
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === body.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const payload = gzip ? body.gzip : body.json;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(payload.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}
