/**
 * Connected components of a directed graph given as CSR adjacency (firstOut/edgeTo over n nodes).
 * Iterative (no recursion), so a 100k-node road network cannot overflow the stack.
 */

/**
 * Strongly connected components (Tarjan). Returns the component id of every node; ids are dense
 * from 0 in the order components complete.
 */
export function stronglyConnected(n: number, firstOut: Int32Array, edgeTo: Int32Array): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = firstOut[root];
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < firstOut[v + 1]) {
        callEdge[depth] = e + 1;
        const w = edgeTo[e];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = firstOut[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return comp;
}

/** Weakly connected components (direction ignored), by union-find over the edges. */
export function weaklyConnected(n: number, edgeFrom: Int32Array, edgeTo: Int32Array): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let e = 0; e < edgeFrom.length; e++) {
    const a = find(edgeFrom[e]);
    const b = find(edgeTo[e]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const comp = new Int32Array(n);
  for (let i = 0; i < n; i++) comp[i] = find(i);
  return comp;
}

/** The id of the component with the most nodes (the smallest id among equals). */
export function largestComponent(comp: Int32Array): number {
  const size = new Map<number, number>();
  let best = -1;
  let bestSize = 0;
  for (let i = 0; i < comp.length; i++) {
    const s = (size.get(comp[i]) ?? 0) + 1;
    size.set(comp[i], s);
    if (s > bestSize || (s === bestSize && comp[i] < best)) {
      bestSize = s;
      best = comp[i];
    }
  }
  return best;
}
