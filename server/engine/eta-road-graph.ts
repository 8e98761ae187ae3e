import { latLngToCell } from 'h3-js';
import type { RoadGraph } from '../roads/graph';
import { RouteTrees } from '../roads/route-tree';
import { SegmentGrid } from '../roads/segment-grid';

/**
 * What the model derives from its graph alone (zones of edges, the street grid, the twin of each
 * two-way street, the route trees): shared by every model of one graph and zone resolution, so a
 * replay seek that builds a fresh model does not rebuild them, and its routes start from trees the
 * process already grew. None of it depends on events, so sharing changes no answer.
 */
export interface GraphStatics {
  edgeZone: Int32Array;
  roads: SegmentGrid;
  twin: Int32Array;
  trees: RouteTrees;
}

const staticsOf = new WeakMap<RoadGraph, Map<number, GraphStatics>>();

/**
 * Memory for the route trees of one graph (shared by all its models in the process): a tree takes
 * 13 bytes a node while growing, 5 once grown out. 64 MB is ~1,800 trees of the generated city,
 * ~400 of Porto's roads: more than the targets of the open orders of a 1,000-driver day.
 */
export const ROUTE_TREES_BYTES = 64 * 1024 * 1024;

/** The statics of a graph at a zone resolution, built on first use. */
export function graphStatics(g: RoadGraph, zoneResolution: number): GraphStatics {
  let byRes = staticsOf.get(g);
  if (!byRes) staticsOf.set(g, (byRes = new Map()));
  const known = byRes.get(zoneResolution);
  if (known) return known;
  const edgeZone = new Int32Array(g.edgeCount);
  const zoneIndex = new Map<string, number>();
  for (let e = 0; e < g.edgeCount; e++) {
    const s = g.geomStart[e];
    const end = g.geomStart[e + 1];
    const mid = s + ((end - s) >> 1);
    const cell = latLngToCell(g.geomLat[mid], g.geomLng[mid], zoneResolution);
    let z = zoneIndex.get(cell);
    if (z === undefined) zoneIndex.set(cell, (z = zoneIndex.size));
    edgeZone[e] = z;
  }
  const twin = new Int32Array(g.edgeCount).fill(-1);
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.edgeFrom[e];
    for (let f = g.firstOut[g.edgeTo[e]]; f < g.firstOut[g.edgeTo[e] + 1]; f++) {
      if (g.edgeTo[f] === u && Math.abs(g.lengthM[f] - g.lengthM[e]) < 0.5) {
        twin[e] = f;
        break;
      }
    }
  }
  const st = { edgeZone, roads: new SegmentGrid(g, 100), twin, trees: new RouteTrees(g, Math.max(16, Math.floor(ROUTE_TREES_BYTES / (13 * g.nodeCount)))) };
  byRes.set(zoneResolution, st);
  return st;
}
