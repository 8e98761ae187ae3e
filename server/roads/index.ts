/**
 * Road networks and routing. See docs/simulator.md ("The city").
 *
 * @example
 *   const graph = loadOsmGeoJson(text);          // or generateCity(seed)
 *   const router = new Router(graph);
 *   const r = router.route(graph.nearestNode(a.lat, a.lng), graph.nearestNode(b.lat, b.lng), {
 *     departTs: Date.now(),
 *     congestion: rushHourCongestion(),             // from server/sim
 *   });
 *   // r: { nodes, edges, metres, seconds } | null
 */
export { RoadGraph, type RoadGraphData } from './graph';
export { GraphBuilder, type BuildOptions, type WaySpec } from './build';
export { loadOsmGeoJson, OsmLoadError } from './osm';
export { cityLayout, generateCity, type CityLayout, type GenerateCityOptions } from './generate';
export { Router, type CongestionFn, type Route, type RouteOptions, type RouterOptions } from './router';
export {
  defaultKph,
  isArterial,
  parseMaxspeed,
  parseOneway,
  ROAD_CLASS_NAMES,
  roadClassName,
  roadClassOf,
  type Oneway,
  type RoadClass,
  type RoadClassName,
} from './road-class';
export { mixSeed, Rng } from './random';
