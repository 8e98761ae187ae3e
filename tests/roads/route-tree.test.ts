import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../server/roads/graph';
import { generateCity } from '../../server/roads/generate';
import { Rng } from '../../server/roads/random';
import { Router } from '../../server/roads/router';
import { RouteTree, RouteTrees } from '../../server/roads/route-tree';
import { tinyGraph } from './tiny-graphs';

/** The route the tree gives from `from`: its edges, walked to the target. */
function edgesOf(g: RoadGraph, tree: RouteTree, from: number): number[] {
  const out: number[] = [];
  for (let v = from; v !== tree.target; v = g.edgeTo[out[out.length - 1]]) out.push(tree.nextEdge(v));
  return out;
}

const seconds = (g: RoadGraph, edges: number[]) => edges.reduce((s, e) => s + g.freeSeconds[e], 0);

describe('RouteTree', () => {
  const g = generateCity(3, { widthKm: 4, heightKm: 3 });

  it('gives from every origin a route as fast as the router\'s fastest', () => {
    const rng = new Rng(9);
    const router = new Router(g);
    for (let i = 0; i < 40; i++) {
      const target = rng.int(g.nodeCount);
      const tree = new RouteTree(g, target);
      for (let j = 0; j < 10; j++) {
        const from = rng.int(g.nodeCount);
        const r = router.route(from, target);
        expect(tree.reach(from)).toBe(r !== null);
        if (r) expect(seconds(g, edgesOf(g, tree, from))).toBeCloseTo(r.seconds, 6);
      }
    }
  });

  it('gives the same route from a node however far it was grown before (a cache changes no answer)', () => {
    const rng = new Rng(4);
    const target = rng.int(g.nodeCount);
    const origins = Array.from({ length: 30 }, () => rng.int(g.nodeCount));
    const grownOut = new RouteTree(g, target);
    for (const v of origins) grownOut.reach(v);
    for (const v of [...origins].reverse()) {
      const fresh = new RouteTree(g, target);
      if (!fresh.reach(v)) continue;
      expect(edgesOf(g, grownOut, v)).toEqual(edgesOf(g, fresh, v));
    }
  });

  it('answers no route from a node that cannot reach the target (a one-way street away from it)', () => {
    const { graph, node } = tinyGraph({ A: [0, 0], B: [1000, 0], C: [1000, 500] }, [{ points: ['A', 'B'], oneway: 1 }, { points: ['B', 'C'] }]);
    const tree = new RouteTree(graph, node('A'));
    expect(tree.reach(node('C'))).toBe(false);
    expect(tree.reach(node('A'))).toBe(true);
    expect(tree.nextEdge(node('A'))).toBe(-1);
  });

  it('keeps at most its bound of trees, the least recently used going first', () => {
    const trees = new RouteTrees(g, 3);
    for (const t of [1, 2, 3, 1, 4]) trees.toward(0, t);
    expect(trees.size).toBe(3);
    expect(trees.has(2)).toBe(false);
    expect(trees.has(1)).toBe(true);
  });
});
