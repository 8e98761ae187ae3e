/**
 * Remembers event ids for de-duplication with bounded memory: ids are grouped by the minute of
 * their event time and forgotten a horizon after it, or oldest-minute-first past a cap. An id
 * forgotten this way is older than any event that can still change windows; the entity rules
 * (a trail point per timestamp, an order transition per timestamp) keep state idempotent anyway.
 */
export class IdDedup {
  private readonly ids = new Map<string, number>();
  private readonly byMinute = new Map<number, string[]>();
  private oldestMinute = Infinity;

  constructor(
    private readonly horizonMs: number,
    private readonly maxIds: number,
  ) {}

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string, ts: number): void {
    const minute = Math.floor(ts / 60_000);
    this.ids.set(id, minute);
    let list = this.byMinute.get(minute);
    if (!list) {
      list = [];
      this.byMinute.set(minute, list);
      if (minute < this.oldestMinute) this.oldestMinute = minute;
    }
    list.push(id);
    if (this.ids.size > this.maxIds) this.dropOldestMinute();
  }

  /** Forgets ids whose event time is older than the horizon before `nowTs`. */
  prune(nowTs: number): void {
    const limit = Math.floor((nowTs - this.horizonMs) / 60_000);
    while (this.oldestMinute < limit && this.byMinute.size) this.dropOldestMinute();
  }

  private dropOldestMinute(): void {
    let oldest = Infinity;
    for (const m of this.byMinute.keys()) if (m < oldest) oldest = m;
    if (oldest === Infinity) return;
    for (const id of this.byMinute.get(oldest)!) {
      if (this.ids.get(id) === oldest) this.ids.delete(id);
    }
    this.byMinute.delete(oldest);
    let next = Infinity;
    for (const m of this.byMinute.keys()) if (m < next) next = m;
    this.oldestMinute = next;
  }

  toJSON(): [number, string[]][] {
    return [...this.byMinute.entries()];
  }

  load(rows: [number, string[]][]): this {
    for (const [minute, list] of rows) for (const id of list) this.add(id, minute * 60_000);
    return this;
  }
}
