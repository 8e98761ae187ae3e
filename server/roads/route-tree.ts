/**
 * Fastest routes toward one target, for many origins: a backward Dijkstra over free-flow times,
 * grown only as far as the origins asked for so far and resumed when one lies farther out. A
 * driver heading to a stop asks again at every fix from closer in, so one search serves the whole
 * leg instead of a point-to-point search per fix.
 *
 * Dijkstra settles nodes in an order fixed by the graph and the target (equal keys pop in an
 * order fixed by the sequence of pushes), so where a search pauses changes nothing: the route from
 * a node is the same whether the tree was grown for it just now, earlier for another origin, or
 * thrown away and grown again. A cache of trees therefore saves work without changing any answer.
 */
import type { RoadGraph } from './graph';
import { IdHeap } from './heap';

export class RouteTree {
  /** the first edge of the fastest route from each settled node to the target (-1 at the target) */
  private readonly next: Int32Array;
  private dist: Float64Array | null;
  /** 1 once a node is settled */
  private readonly done: Uint8Array;
  private heap: IdHeap | null = new IdHeap(256);

  constructor(
    private readonly g: RoadGraph,
    readonly target: number,
  ) {
    const n = g.nodeCount;
    if (!Number.isInteger(target) || target < 0 || target >= n) {
      throw new RangeError(`target: must be a node id from 0 to ${n - 1}, got ${target}`);
    }
    this.next = new Int32Array(n).fill(-1);
    this.dist = new Float64Array(n).fill(Infinity);
    this.done = new Uint8Array(n);
    this.dist[target] = 0;
    this.heap!.push(0, target);
  }

  /** Grows the tree until `v` is settled; false when `v` cannot reach the target. */
  reach(v: number): boolean {
    if (this.done[v]) return true;
    const heap = this.heap;
    const dist = this.dist;
    if (!heap || !dist) return false;
    const g = this.g;
    const { firstIn, inEdges, edgeFrom, freeSeconds } = g;
    const { next, done } = this;
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      const du = dist[u];
      for (let k = firstIn[u], end = firstIn[u + 1]; k < end; k++) {
        const e = inEdges[k];
        const w = edgeFrom[e];
        const nd = du + freeSeconds[e];
        if (nd < dist[w]) {
          dist[w] = nd;
          next[w] = e;
          if (!done[w]) heap.push(nd, w);
        }
      }
      if (u === v) return true;
    }
    // Every node that can reach the target is settled: the search state is no longer needed.
    this.heap = null;
    this.dist = null;
    return false;
  }

  /** The first edge of the fastest route from settled node `v` (-1 at the target or unsettled). */
  nextEdge(v: number): number {
    return this.done[v] ? this.next[v] : -1;
  }

  /** Bytes held, for the cache's bound. */
  get bytes(): number {
    return this.next.byteLength + this.done.byteLength + (this.dist?.byteLength ?? 0);
  }
}

/**
 * The trees of the most recently used targets, at most `maxTrees` of them (least recently used
 * go first). Which trees are kept only decides how much work a route takes, never its answer.
 */
export class RouteTrees {
  private readonly trees = new Map<number, RouteTree>();

  constructor(
    readonly graph: RoadGraph,
    readonly maxTrees = 256,
  ) {}

  /** The tree toward `target`, grown to `from`; null when `from` cannot reach it. */
  toward(from: number, target: number): RouteTree | null {
    let t = this.trees.get(target);
    if (t) {
      this.trees.delete(target);
    } else {
      t = new RouteTree(this.graph, target);
      while (this.trees.size >= this.maxTrees) this.trees.delete(this.trees.keys().next().value!);
    }
    this.trees.set(target, t);
    return t.reach(from) ? t : null;
  }

  has(target: number): boolean {
    return this.trees.has(target);
  }

  get size(): number {
    return this.trees.size;
  }
}
