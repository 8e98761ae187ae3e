/** At most this many ids in one `names:get` (the server answers no more). */
export const NAMES_MAX_IDS = 200;

/**
 * Drivers' names for the map's tooltips, asked of the server as they are needed: the vehicle
 * frames carry ids only. An unknown id is asked for once, in a batch with the others asked in the
 * same tick, and again after `retryMs` while the server knows no name for it.
 */
export class NameCache {
  private readonly names = new Map<string, string>();
  private readonly askedAt = new Map<string, number>();
  private readonly queue = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly ask: (ids: string[], answer: (pairs: [string, string | null][]) => void) => void,
    private readonly retryMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The driver's name when known; otherwise undefined, and it is asked for. */
  nameOf(id: string): string | undefined {
    const name = this.names.get(id);
    if (name !== undefined) return name;
    const at = this.askedAt.get(id);
    const t = this.now();
    if (at !== undefined && t - at < this.retryMs) return undefined;
    this.askedAt.set(id, t);
    this.queue.add(id);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
    return undefined;
  }

  private flush(): void {
    this.scheduled = false;
    const ids = [...this.queue];
    this.queue.clear();
    for (let i = 0; i < ids.length; i += NAMES_MAX_IDS) this.ask(ids.slice(i, i + NAMES_MAX_IDS), (pairs) => this.learn(pairs));
  }

  private learn(pairs: [string, string | null][]): void {
    if (!Array.isArray(pairs)) return;
    for (const p of pairs) if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') this.names.set(p[0], p[1]);
  }
}
