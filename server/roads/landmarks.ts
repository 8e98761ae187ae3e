/**
 * Landmarks for ALT lower bounds: a few nodes far apart, with the free-flow travel time from each
 * landmark to every node and from every node to it. By the triangle inequality, for any nodes v
 * and t, d(v, t) >= d(v, L) - d(t, L) and d(v, t) >= d(L, t) - d(L, v): bounds that beat the
 * straight line by far on real streets, so A* settles a fraction of the nodes.
 */
import type { RoadGraph } from './graph';
import { IdHeap } from './heap';

/**
 * Picks `k` landmarks by farthest-point selection and returns their travel times node-major:
 * fromL[v * k + l] = seconds from landmark l to v, toL[v * k + l] = seconds from v to it (NaN where
 * unreachable, which gives no bound).
 */
export function buildLandmarks(g: RoadGraph, k: number): { fromL: Float64Array; toL: Float64Array } {
  const n = g.nodeCount;
  const fromL = new Float64Array(k * n);
  const toL = new Float64Array(k * n);
  const minDist = new Float64Array(n).fill(Infinity);
  const heap = new IdHeap(4096);
  // Start from the node farthest (in time) from the node nearest the middle of the bbox.
  const mid = g.nearestNode((g.bbox[1] + g.bbox[3]) / 2, (g.bbox[0] + g.bbox[2]) / 2);
  let next = argmax(fullDijkstra(g, heap, mid, true));
  for (let l = 0; l < k; l++) {
    const from = fullDijkstra(g, heap, next, true);
    const to = fullDijkstra(g, heap, next, false);
    for (let v = 0; v < n; v++) {
      fromL[v * k + l] = from[v];
      toL[v * k + l] = to[v];
      if (from[v] < minDist[v]) minDist[v] = from[v];
    }
    next = argmax(minDist);
  }
  return { fromL, toL };
}

/** Free-flow seconds from `s` to every node (forward) or from every node to `s` (backward). */
function fullDijkstra(g: RoadGraph, heap: IdHeap, s: number, forward: boolean): Float64Array {
  const n = g.nodeCount;
  const out = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  heap.clear();
  out[s] = 0;
  heap.push(0, s);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    const dv = out[v];
    const end = forward ? g.firstOut[v + 1] : g.firstIn[v + 1];
    for (let i = forward ? g.firstOut[v] : g.firstIn[v]; i < end; i++) {
      const e = forward ? i : g.inEdges[i];
      const w = forward ? g.edgeTo[e] : g.edgeFrom[e];
      const nd = dv + g.freeSeconds[e];
      if (nd < out[w]) {
        out[w] = nd;
        heap.push(nd, w);
      }
    }
  }
  for (let v = 0; v < n; v++) if (out[v] === Infinity) out[v] = NaN;
  return out;
}

/** The index of the largest finite value (0 when there is none). */
function argmax(a: Float64Array): number {
  let best = 0;
  let bestV = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > bestV && Number.isFinite(a[i])) {
      bestV = a[i];
      best = i;
    }
  }
  return best;
}
