import { GraphBuilder } from '../../server/roads/build';
import type { RoadGraph } from '../../server/roads/graph';
import { roadClassOf, type Oneway } from '../../server/roads/road-class';

/** Metres to degrees near the tiny graphs' origin (41.15, -8.61). */
export const LAT0 = 41.15;
export const LNG0 = -8.61;
const M_PER_DEG = 111_320;
export const at = (xM: number, yM: number): [number, number] => [
  LAT0 + yM / M_PER_DEG,
  LNG0 + xM / (M_PER_DEG * Math.cos((LAT0 * Math.PI) / 180)),
];

export interface TinyWay {
  points: string[];
  highway?: string;
  kph?: number;
  oneway?: Oneway;
}

/**
 * A graph from named points ({A: [x, y] metres}) and ways over them, built with component 'all'
 * unless told otherwise. Returns the graph and the node id of each named point that is a node.
 */
export function tinyGraph(
  points: Record<string, [number, number]>,
  ways: TinyWay[],
  component: 'all' | 'strong' | 'weak' = 'all',
): { graph: RoadGraph; node: (name: string) => number } {
  const b = new GraphBuilder();
  const id = new Map<string, number>();
  for (const [name, [x, y]] of Object.entries(points)) id.set(name, b.addPoint(...at(x, y)));
  for (const w of ways) {
    b.addWay({
      points: w.points.map((p) => id.get(p)!),
      roadClass: roadClassOf(w.highway ?? 'residential'),
      speedKph: w.kph ?? 36,
      oneway: w.oneway ?? 0,
    });
  }
  const graph = b.build({ component });
  const node = (name: string) => {
    const [lat, lng] = at(...points[name]);
    const v = graph.nearestNode(lat, lng);
    if (Math.abs(graph.lat[v] - lat) > 1e-9 || Math.abs(graph.lng[v] - lng) > 1e-9) {
      throw new Error(`${name} is not a node of the graph`);
    }
    return v;
  };
  return { graph, node };
}
