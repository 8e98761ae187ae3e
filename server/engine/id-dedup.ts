/**
 * Remembers event ids for de-duplication with bounded memory. Ids are kept in two sets, one per
 * generation of event time (a horizon long): the current one and the one before. A whole
 * generation is dropped at once when it falls out, so forgetting costs nothing per id, and a
 * lookup probes two sets. An id is remembered for at least the horizon (at most two). Past it, a re-sent event changes no state anyway (a trail keeps one point per
 * timestamp, an order one transition per timestamp and status); it is only counted again.
 */
export class IdDedup {
  /** generation number -> ids whose event time falls in it; a handful of entries at most */
  private readonly generations = new Map<number, Set<string>>();
  private readonly genMs: number;
  private count = 0;

  constructor(
    horizonMs: number,
    private readonly maxIds: number,
  ) {
    this.genMs = Math.max(1000, horizonMs);
  }

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    for (const set of this.generations.values()) if (set.has(id)) return true;
    return false;
  }

  add(id: string, ts: number): void {
    const gen = Math.floor(ts / this.genMs);
    let set = this.generations.get(gen);
    if (!set) {
      set = new Set();
      this.generations.set(gen, set);
    }
    const before = set.size;
    set.add(id);
    this.count += set.size - before;
    if (this.count > this.maxIds) this.dropOldest();
  }

  /** Forgets the generations that ended more than a horizon before `nowTs`. */
  prune(nowTs: number): void {
    const keepFrom = Math.floor(nowTs / this.genMs) - 1;
    for (const [gen, set] of this.generations) {
      if (gen < keepFrom) {
        this.count -= set.size;
        this.generations.delete(gen);
      }
    }
  }

  private dropOldest(): void {
    let oldest = Infinity;
    for (const gen of this.generations.keys()) if (gen < oldest) oldest = gen;
    const set = this.generations.get(oldest);
    if (!set) return;
    this.count -= set.size;
    this.generations.delete(oldest);
  }

  toJSON(): [number, string[]][] {
    return [...this.generations.entries()].map(([gen, set]) => [gen, [...set]]);
  }

  load(rows: [number, string[]][]): this {
    for (const [gen, ids] of rows) {
      this.generations.set(gen, new Set(ids));
      this.count += ids.length;
    }
    return this;
  }
}
