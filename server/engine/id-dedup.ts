import { IdTable } from './id-table';

/**
 * Remembers event ids for de-duplication with bounded memory. Ids are kept in two tables, one per
 * generation of event time (a horizon long): the current one and the one before. A whole
 * generation is dropped at once when it falls out, so forgetting costs nothing per id, and a
 * lookup hashes the id once and probes two tables. An id is remembered for at least the horizon
 * (at most two). Past it, a re-sent event changes no state anyway (a trail keeps one point per
 * timestamp, an order one transition per timestamp and status); it is only counted again.
 */
export class IdDedup {
  /** one entry per generation that holds ids, oldest first; a handful at most */
  private gens: { gen: number; set: IdTable }[] = [];
  /** a dropped generation's table, kept to be cleared and reused at its size */
  private spare: IdTable | null = null;
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
    const h = IdTable.hash(id);
    for (let i = gens.length - 1; i >= 0; i--) if (gens[i].set.has(id, h)) return true;
    return false;
  }

  add(id: string, ts: number): void {
    this.addIfNew(id, ts);
  }

  /**
   * Remembers `id` unless it is known; true when it was new. One hash, one probe of the
   * generation `ts` falls in (its `add` tells whether it was new) plus one of each other generation.
   */
  addIfNew(id: string, ts: number): boolean {
    const gen = Math.floor(ts / this.genMs);
    const gens = this.gens;
    const h = IdTable.hash(id);
    let target: IdTable | undefined;
    for (let i = gens.length - 1; i >= 0; i--) {
      const g = gens[i];
      if (g.gen === gen) target = g.set;
      else if (g.set.has(id, h)) return false;
    }
    if (!target) target = this.open(gen);
    if (!target.add(id, h)) return false;
    if (++this.count > this.maxIds) this.dropOldest();
    return true;
  }

  private open(gen: number): IdTable {
    // A new generation is sized like the newest one so far: it will likely hold as many ids.
    const set = this.spare ?? new IdTable(Math.max(1024, this.gens.length ? this.gens[this.gens.length - 1].set.size : 0));
    this.spare = null;
    let i = this.gens.length;
    while (i > 0 && this.gens[i - 1].gen > gen) i--;
    this.gens.splice(i, 0, { gen, set });
    return set;
  }

  /** Forgets the generations that ended more than a horizon before `nowTs`. */
  prune(nowTs: number): void {
    const keepFrom = Math.floor(nowTs / this.genMs) - 1;
    while (this.gens.length && this.gens[0].gen < keepFrom) this.dropOldest();
  }

  private dropOldest(): void {
    const oldest = this.gens.shift();
    if (!oldest) return;
    this.count -= oldest.set.size;
    // Emptied now, so the dropped ids are free to be collected; reused by the next generation.
    oldest.set.clear();
    this.spare = oldest.set;
  }

  toJSON(): [number, string[]][] {
    return this.gens.map(({ gen, set }) => [gen, [...set.values()]]);
  }

  load(rows: [number, string[]][]): this {
    for (const [gen, ids] of rows) {
      const set = this.gens.find((g) => g.gen === gen)?.set ?? this.open(gen);
      for (const id of ids) if (set.add(id, IdTable.hash(id))) this.count++;
    }
    return this;
  }
}
