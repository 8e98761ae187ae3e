/**
 * Remembers event ids for de-duplication with bounded memory. Ids are kept in two sets, one per
 * generation of event time (a horizon long): the current one and the one before. A whole
 * generation is dropped at once when it falls out, so forgetting costs nothing per id, and a
 * lookup probes two sets. An id is remembered for at least the horizon (at most two). Past it, a re-sent event changes no state anyway (a trail keeps one point per
 * timestamp, an order one transition per timestamp and status); it is only counted again.
 */
export class IdDedup {
  /** one entry per generation that holds ids, oldest first; a handful at most */
  private gens: { gen: number; set: Set<string> }[] = [];
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
    const gens = this.gens;
    for (let i = gens.length - 1; i >= 0; i--) if (gens[i].set.has(id)) return true;
    return false;
  }

  add(id: string, ts: number): void {
    this.addIfNew(id, ts);
  }

  /**
   * Remembers `id` unless it is known; true when it was new. One probe of the generation `ts`
   * falls in (a Set's size tells whether `add` added) plus one of each other generation.
   */
  addIfNew(id: string, ts: number): boolean {
    const gen = Math.floor(ts / this.genMs);
    const gens = this.gens;
    let target: Set<string> | undefined;
    for (let i = gens.length - 1; i >= 0; i--) {
      const g = gens[i];
      if (g.gen === gen) target = g.set;
      else if (g.set.has(id)) return false;
    }
    if (!target) target = this.open(gen);
    const before = target.size;
    target.add(id);
    if (target.size === before) return false;
    if (++this.count > this.maxIds) this.dropOldest();
    return true;
  }

  private open(gen: number): Set<string> {
    const set = new Set<string>();
    let i = this.gens.length;
    while (i > 0 && this.gens[i - 1].gen > gen) i--;
    this.gens.splice(i, 0, { gen, set });
    return set;
  }

  /** Forgets the generations that ended more than a horizon before `nowTs`. */
  prune(nowTs: number): void {
    const keepFrom = Math.floor(nowTs / this.genMs) - 1;
    while (this.gens.length && this.gens[0].gen < keepFrom) this.count -= this.gens.shift()!.set.size;
  }

  private dropOldest(): void {
    const oldest = this.gens.shift();
    if (oldest) this.count -= oldest.set.size;
  }

  toJSON(): [number, string[]][] {
    return this.gens.map(({ gen, set }) => [gen, [...set]]);
  }

  load(rows: [number, string[]][]): this {
    for (const [gen, ids] of rows) {
      const set = this.gens.find((g) => g.gen === gen)?.set ?? this.open(gen);
      for (const id of ids) set.add(id);
      this.count += ids.length;
    }
    return this;
  }
}
