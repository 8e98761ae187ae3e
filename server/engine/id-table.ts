/**
 * A set of strings for the per-event id check: open addressing over one Int32Array of
 * (hash, index) pairs, the strings themselves in a plain array. A lookup reads one slot in the
 * common case and compares strings only when the 32-bit hashes match, so a new id costs a hash of
 * its characters and about one cache miss; a JS Set of 600,000 fresh strings cost about three times
 * as much (`npm run bench -- core`). Exact: equal hashes are always confirmed on the strings.
 * `clear` keeps the capacity, so a table reused for the next generation of ids never grows again.
 */
export class IdTable {
  /** [hash, index + 1] per slot; index 0 marks an empty slot */
  private slots: Int32Array;
  private mask: number;
  private keys: string[] = [];

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
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
    return this.keys.length;
  }

  has(s: string, h: number): boolean {
    const { slots, mask, keys } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1];
      if (k === 0) return false;
      if (slots[2 * i] === h && keys[k - 1] === s) return true;
    }
  }

  /** Adds the string (`h` is its hash); false when it was there already. */
  add(s: string, h: number): boolean {
    if (this.keys.length * 2 >= this.mask) this.grow();
    const { slots, mask, keys } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1];
      if (k === 0) {
        keys.push(s);
        slots[2 * i] = h;
        slots[2 * i + 1] = keys.length;
        return true;
      }
      if (slots[2 * i] === h && keys[k - 1] === s) return false;
    }
  }

  /** Empties the table, keeping its capacity. */
  clear(): void {
    this.slots.fill(0);
    this.keys.length = 0;
  }

  values(): readonly string[] {
    return this.keys;
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
