/**
 * The simulator's agenda: what happens next, as (ts, kind, a, b) entries in typed arrays, popped in
 * ts order and, for equal ts, in the order they were scheduled. That tie rule is what makes a run
 * reproducible to the byte.
 */
export class Agenda {
  private ts = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private n = 0;
  private counter = 0;

  /** What the last pop returned. */
  popped = { ts: 0, kind: 0, a: 0, b: 0 };

  get size(): number {
    return this.n;
  }

  /** The time of the next entry (Infinity when empty). */
  peekTs(): number {
    return this.n > 0 ? this.ts[0] : Infinity;
  }

  schedule(ts: number, kind: number, a = 0, b = 0): void {
    if (this.n === this.ts.length) this.grow();
    const s = this.counter++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.ts[p] < ts || (this.ts[p] === ts && this.seq[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, ts, s, kind, a, b);
  }

  /** Removes the next entry into `popped`; call only when size > 0. */
  pop(): void {
    const out = this.popped;
    out.ts = this.ts[0];
    out.kind = this.kind[0];
    out.a = this.a[0];
    out.b = this.b[0];
    const n = --this.n;
    if (n === 0) return;
    const ts = this.ts[n];
    const s = this.seq[n];
    const kind = this.kind[n];
    const a = this.a[n];
    const b = this.b[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(c + 1, c)) c++;
      if (ts < this.ts[c] || (ts === this.ts[c] && s < this.seq[c])) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, ts, s, kind, a, b);
  }

  private less(i: number, j: number): boolean {
    return this.ts[i] < this.ts[j] || (this.ts[i] === this.ts[j] && this.seq[i] < this.seq[j]);
  }

  private move(from: number, to: number): void {
    this.ts[to] = this.ts[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
  }

  private set(i: number, ts: number, s: number, kind: number, a: number, b: number): void {
    this.ts[i] = ts;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const g = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.ts = g(this.ts, (k) => new Float64Array(k));
    this.seq = g(this.seq, (k) => new Float64Array(k));
    this.kind = g(this.kind, (k) => new Uint8Array(k));
    this.a = g(this.a, (k) => new Int32Array(k));
    this.b = g(this.b, (k) => new Int32Array(k));
  }
}
