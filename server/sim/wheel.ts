/**
 * The fix wheel: drivers in order of their GPS phase. Fixes are the bulk of a day's work (96% of
 * the events), so instead of an agenda entry per fix the wheel turns once per period and names
 * the next driver due; the simulator skips drivers who are offline.
 */
export class FixWheel {
  private readonly order: Int32Array;
  private pos = 0;
  private lap = 0;
  /** when the next fix is due (Infinity once past the end) */
  nextTs = Infinity;

  constructor(
    private readonly phaseMs: readonly number[],
    private readonly startTs: number,
    private readonly periodMs: number,
    private readonly endTs: number,
  ) {
    this.order = Int32Array.from(phaseMs.keys()).sort((a, b) => phaseMs[a] - phaseMs[b] || a - b);
    this.nextTs = this.due();
  }

  /** The driver whose fix is due at nextTs. */
  get driver(): number {
    return this.order[this.pos];
  }

  /** Moves on to the next driver due. */
  advance(): void {
    if (++this.pos === this.order.length) {
      this.pos = 0;
      this.lap++;
    }
    this.nextTs = this.due();
  }

  private due(): number {
    if (this.order.length === 0) return Infinity;
    const t = this.startTs + this.lap * this.periodMs + this.phaseMs[this.order[this.pos]];
    return t < this.endTs ? t : Infinity;
  }
}
