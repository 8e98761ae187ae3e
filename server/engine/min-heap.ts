/** A binary min-heap of (key, value) pairs ordered by key; ties pop in insertion order is not promised. */
export class MinHeap<V> {
  private keys: number[] = [];
  private values: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  peekKey(): number {
    return this.keys.length ? this.keys[0] : Infinity;
  }

  push(key: number, value: V): void {
    const k = this.keys;
    const v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] <= key) break;
      k[i] = k[p];
      v[i] = v[p];
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }

  pop(): V | undefined {
    const k = this.keys;
    const v = this.values;
    if (!k.length) return undefined;
    const top = v[0];
    const lastK = k.pop()!;
    const lastV = v.pop()!;
    const n = k.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && k[r] < k[l] ? r : l;
        if (k[c] >= lastK) break;
        k[i] = k[c];
        v[i] = v[c];
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }

  /**
   * Key and value after one another, flat (a replay checkpoint's heaps hold one entry per order of
   * the day: an array per entry was tens of thousands of arrays for every seek to parse).
   */
  toJSON(): (number | V)[] {
    const out: (number | V)[] = new Array(this.keys.length * 2);
    for (let i = 0; i < this.keys.length; i++) {
      out[2 * i] = this.keys[i];
      out[2 * i + 1] = this.values[i];
    }
    return out;
  }

  /** The heap of `toJSON`, or of older snapshots: a list of [key, value] pairs. */
  static fromJSON<V>(entries: (number | V)[] | [number, V][]): MinHeap<V> {
    const h = new MinHeap<V>();
    if (entries.length && Array.isArray(entries[0])) {
      for (const [key, value] of entries as [number, V][]) h.push(key, value);
    } else {
      for (let i = 0; i + 1 < entries.length; i += 2) h.push(entries[i] as number, entries[i + 1] as V);
    }
    return h;
  }
}
