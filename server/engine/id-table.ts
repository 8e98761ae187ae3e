/**
 * A set of strings for the per-event id check: open addressing over one Int32Array of
 * (hash, index) pairs, the strings' characters copied end to end into one Uint16Array. A lookup
 * reads one slot in the common case and compares strings only when the 32-bit hashes match, so a
 * new id costs a hash of its characters and about one cache miss; a JS Set of 600,000 fresh strings
 * cost about three times as much (`npm run bench -- core`). Exact: equal hashes are always
 * confirmed on the strings. `clear` keeps the capacity, so a table reused for the next generation
 * of ids never grows again.
 *
 * Why characters and not the strings: every event's id is kept for minutes, and a kept string is
 * an object the garbage collector copies out of the young generation and then tracks. Copied
 * into the table, the id string dies young like the rest of the event.
 */
export class IdTable {
  /** [hash, index + 1] per slot; index 0 marks an empty slot */
  private slots: Int32Array;
  private mask: number;
  /** the strings' characters, end to end; string k is chars[starts[k], starts[k + 1]) */
  private chars: Uint16Array;
  private starts: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    // Room for `capacity` ids of 8 characters; both grow by doubling when that is not enough.
    this.chars = new Uint16Array(capacity * 8);
    this.starts = new Int32Array(capacity + 1);
  }

  /** A 32-bit hash of the string (FNV-1a, then a final mix so that linear probing spreads). */
  static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h | 0;
  }

  get size(): number {
    return this.count;
  }

  has(s: string, h: number): boolean {
    const { slots, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1];
      if (k === 0) return false;
      if (slots[2 * i] === h && this.equals(k - 1, s)) return true;
    }
  }

  /** Adds the string (`h` is its hash); false when it was there already. */
  add(s: string, h: number): boolean {
    if (this.count * 2 >= this.mask) this.grow();
    const { slots, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1];
      if (k === 0) {
        this.append(s);
        slots[2 * i] = h;
        slots[2 * i + 1] = this.count;
        return true;
      }
      if (slots[2 * i] === h && this.equals(k - 1, s)) return false;
    }
  }

  /** Empties the table, keeping its capacity. */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  /** The strings, in the order they were added. */
  values(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) {
      let str = '';
      // In pieces: a spread of a very long string's characters would pass too many arguments.
      for (let i = this.starts[k]; i < this.starts[k + 1]; i += 4096) str += String.fromCharCode(...this.chars.subarray(i, Math.min(i + 4096, this.starts[k + 1])));
      out.push(str);
    }
    return out;
  }

  private equals(k: number, s: string): boolean {
    const from = this.starts[k];
    if (this.starts[k + 1] - from !== s.length) return false;
    const chars = this.chars;
    for (let i = 0; i < s.length; i++) if (chars[from + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  private append(s: string): void {
    const k = this.count;
    if (k + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    const from = this.starts[k];
    const to = from + s.length;
    if (to > this.chars.length) {
      const chars = new Uint16Array(Math.max(to, this.chars.length * 2));
      chars.set(this.chars.subarray(0, from));
      this.chars = chars;
    }
    const chars = this.chars;
    for (let i = 0; i < s.length; i++) chars[from + i] = s.charCodeAt(i);
    this.starts[k + 1] = to;
    this.count = k + 1;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 2);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const k = old[j + 1];
      if (k === 0) continue;
      let i = old[j] & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j];
      slots[2 * i + 1] = k;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
