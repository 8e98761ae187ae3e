/**
 * One driver's recent steps as the road model's pace reads them: for each step's end ts, the
 * seconds it took, the seconds the learned ratios gave it, and whether it was moving (1 or 0).
 * Kept in ts order in parallel arrays of numbers, so a step costs no object of its own: steps
 * arrive mostly in order and are appended; a late one is spliced in, a withdrawn one out.
 */
export class PaceSteps {
  /** the newest step end ever added (trimming counts from it) */
  newest = -Infinity;
  private readonly ts: number[] = [];
  private readonly actual: number[] = [];
  private readonly expected: number[] = [];
  private readonly moving: number[] = [];

  /** First index whose ts is >= `t`. */
  private lowerBound(t: number): number {
    const ts = this.ts;
    let lo = 0;
    let hi = ts.length;
    if (hi === 0 || ts[hi - 1] < t) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Records the step ending at `t` (replacing one recorded there). */
  set(t: number, actual: number, expected: number, moving: number): void {
    const i = this.lowerBound(t);
    if (i < this.ts.length && this.ts[i] === t) {
      this.actual[i] = actual;
      this.expected[i] = expected;
      this.moving[i] = moving;
    } else if (i === this.ts.length) {
      this.ts.push(t);
      this.actual.push(actual);
      this.expected.push(expected);
      this.moving.push(moving);
    } else {
      this.ts.splice(i, 0, t);
      this.actual.splice(i, 0, actual);
      this.expected.splice(i, 0, expected);
      this.moving.splice(i, 0, moving);
    }
  }

  /** Forgets the step ending at `t`, if recorded. */
  delete(t: number): void {
    const i = this.lowerBound(t);
    if (i < this.ts.length && this.ts[i] === t) this.removeRange(i, 1);
  }

  /** Forgets the steps ending before `t`. */
  dropBefore(t: number): void {
    const k = this.lowerBound(t);
    if (k) this.removeRange(0, k);
  }

  private removeRange(i: number, n: number): void {
    this.ts.splice(i, n);
    this.actual.splice(i, n);
    this.expected.splice(i, n);
    this.moving.splice(i, n);
  }

  /**
   * (actual + shrinkS) / (expected + shrinkS) over the steps ending in (from, to], stops included
   * only with `stops`: the pace, pulled toward 1 by `shrinkS` pseudo-seconds.
   */
  pace(from: number, to: number, stops: boolean, shrinkS: number): number {
    let a = 0;
    let x = 0;
    for (let i = this.lowerBound(from); i < this.ts.length && this.ts[i] <= to; i++) {
      if (this.ts[i] === from) continue;
      if (!this.moving[i] && !stops) continue;
      a += this.actual[i];
      x += this.expected[i];
    }
    return (a + shrinkS) / (x + shrinkS);
  }

  /**
   * The steps as snapshots keep them: [step end, actual s, learned s, moving 1/0] after one another
   * in ts order, in one flat array (a replay checkpoint holds a thousand drivers' steps: an array
   * per step was 126,000 arrays for every seek to parse and collect).
   */
  toJSON(): number[] {
    const out: number[] = new Array(this.ts.length * 4);
    for (let i = 0; i < this.ts.length; i++) {
      out[4 * i] = this.ts[i];
      out[4 * i + 1] = this.actual[i];
      out[4 * i + 2] = this.expected[i];
      out[4 * i + 3] = this.moving[i];
    }
    return out;
  }

  /**
   * The steps of `toJSON`, or of older snapshots: a list of [step end, actual, learned, moving]
   * (those kept arrival order once, so any order is taken).
   */
  static fromJSON(newest: number, steps: number[] | [number, number, number, number][]): PaceSteps {
    const p = new PaceSteps();
    p.newest = newest;
    if (steps.length && Array.isArray(steps[0])) {
      for (const [t, a, x, m] of steps as [number, number, number, number][]) p.set(t, a, x, m);
    } else {
      const flat = steps as number[];
      for (let i = 0; i + 3 < flat.length; i += 4) p.set(flat[i], flat[i + 1], flat[i + 2], flat[i + 3]);
    }
    return p;
  }
}
