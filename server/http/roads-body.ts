import { gzipSync } from 'node:zlib';
import { roadLines, type RoadPiece } from '../../lib/map-roads';
import { roadGraphOf } from '../days/day-eta';
import { generateCity } from '../roads/generate';
import type { RoadGraph } from '../roads/graph';
import { roadClassName } from '../roads/road-class';

/** Where a base map's roads come from, said in the GeoJSON (foreign members, RFC 7946 section 6.1). */
export type RoadsOrigin = { city: 'generated'; seed: number } | { city: 'osm'; roads: string };

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

/** A road network as GET /api/roads serves it: its GeoJSON text, and that text gzipped. */
export interface RoadsBody {
  json: Buffer;
  gzip: Buffer;
}

/**
 * The served form of a roads spec (`city:SEED`, `porto` or a GeoJSON path): generating or loading
 * the graph, its GeoJSON and the gzip take 0.2 s (a generated city) to 0.7 s (Porto) of CPU.
 */
export function roadsBody(spec: string): RoadsBody {
  const city = /^city:(\d+)$/.exec(spec);
  const origin: RoadsOrigin = city ? { city: 'generated', seed: Number(city[1]) } : { city: 'osm', roads: spec };
  const json = Buffer.from(JSON.stringify(roadsGeoJson(city ? generateCity(Number(city[1])) : roadGraphOf(spec), origin)));
  return { json, gzip: gzipSync(json) };
}
