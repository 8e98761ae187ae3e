import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { roadLines, type RoadPiece } from '../../lib/map-roads';
import type { ServerConfig } from '../config';
import { seedOfDay } from '../demo/live-simulator';
import { generateCity } from '../roads/generate';
import type { RoadGraph } from '../roads/graph';
import { roadClassName } from '../roads/road-class';

const DAY_MS = 86_400_000;

interface Prepared {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/** The city of one seed, prepared once (generating and simplifying takes ~100 ms). */
let prepared: { seed: number; body: Prepared } | null = null;

/**
 * The seed of the city the built-in simulator drives today: SIM_SEED when set, else the day's
 * own seed (server/demo/live-simulator.ts), so the roads drawn are the ones the vehicles follow.
 * With SIMULATOR=off the same generated city is served: the demo's base map, on Porto.
 */
export function roadsSeed(cfg: Pick<ServerConfig, 'simSeed'>, now = Date.now()): number {
  return cfg.simSeed ?? seedOfDay(Math.floor(now / DAY_MS) * DAY_MS);
}

/** A road graph as a GeoJSON FeatureCollection of LineStrings, one per chained street. */
export function roadsGeoJson(graph: RoadGraph, seed: number): object {
  const pieces: RoadPiece[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const points: [number, number][] = [];
    for (let g = graph.geomStart[e]; g < graph.geomStart[e + 1]; g++) points.push([graph.geomLat[g], graph.geomLng[g]]);
    pieces.push({ roadClass: graph.roadClass[e], points });
  }
  const lines = roadLines(pieces);
  return {
    type: 'FeatureCollection',
    // Foreign members (RFC 7946 section 6.1): where the roads come from.
    city: 'generated',
    seed,
    bbox: graph.bbox,
    features: lines.map((l) => ({
      type: 'Feature',
      properties: { class: roadClassName(l.roadClass) },
      geometry: { type: 'LineString', coordinates: l.coords },
    })),
  };
}

function prepare(seed: number): Prepared {
  if (prepared?.seed === seed) return prepared.body;
  const json = Buffer.from(JSON.stringify(roadsGeoJson(generateCity(seed), seed)));
  const body = { etag: `"roads-${seed}-${json.length}"`, json, gzip: gzipSync(json) };
  prepared = { seed, body };
  return body;
}

/**
 * GET /api/roads: the road network of the simulated city as GeoJSON, for the map's base layer
 * when tiles cannot load. Gzipped when the client accepts it; cacheable for an hour and
 * revalidated by ETag (the city changes with the day's seed, at midnight UTC).
 */
export function handleRoads(req: IncomingMessage, res: ServerResponse, cfg: Pick<ServerConfig, 'simSeed'>): void {
  const body = prepare(roadsSeed(cfg));
  const headers: Record<string, string> = {
    'content-type': 'application/geo+json; charset=utf-8',
    // The day's city changes at midnight UTC (unless SIM_SEED fixes it): never cached past it.
    'cache-control': `public, max-age=${cfg.simSeed == null ? Math.min(3600, Math.ceil((DAY_MS - (Date.now() % DAY_MS)) / 1000)) : 3600}`,
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
