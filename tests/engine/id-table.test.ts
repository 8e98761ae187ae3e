import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../server/engine/id-table';

const add = (t: IdTable, s: string) => t.add(s, IdTable.hash(s));
const has = (t: IdTable, s: string) => t.has(s, IdTable.hash(s));

describe('IdTable', () => {
  it('adds a string once: the second add says it was there', () => {
    const t = new IdTable();
    expect([add(t, 'e1'), add(t, 'e1'), add(t, 'e2')]).toEqual([true, false, true]);
    expect(t.size).toBe(2);
  });

  it('knows what it holds and nothing else', () => {
    const t = new IdTable();
    add(t, 'a');
    expect([has(t, 'a'), has(t, 'b'), has(t, '')]).toEqual([true, false, false]);
  });

  it('strings with the same hash stay distinct (the strings decide, not the hash)', () => {
    const t = new IdTable();
    expect([t.add('x', 7), t.add('y', 7), t.add('x', 7)]).toEqual([true, true, false]);
    expect([t.has('y', 7), t.has('z', 7)]).toEqual([true, false]);
  });

  it('keeps every string while it grows far past its first capacity', () => {
    const t = new IdTable(4);
    for (let i = 0; i < 50_000; i++) add(t, `id-${i}`);
    expect(t.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(has(t, `id-${i}`)).toBe(true);
    expect(has(t, 'id-50000')).toBe(false);
  });

  it('gives back every string it holds, in the order added, whatever its characters or length', () => {
    const t = new IdTable(2);
    const xs = ['a', 'é-ü', '😀', 'x'.repeat(200_000), '', 'b'];
    for (const x of xs) add(t, x);
    expect(t.values()).toEqual(xs);
    expect(xs.every((x) => has(t, x))).toBe(true);
    expect([has(t, 'x'.repeat(199_999)), has(t, 'é-u')]).toEqual([false, false]);
  });

  it('clear forgets everything and the table works again', () => {
    const t = new IdTable();
    for (let i = 0; i < 1000; i++) add(t, `id-${i}`);
    t.clear();
    expect([t.size, has(t, 'id-5'), add(t, 'id-5'), has(t, 'id-5')]).toEqual([0, false, true, true]);
  });

  it('answers as a Set would, for any sequence of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (xs) => {
        const t = new IdTable(2);
        const s = new Set<string>();
        for (const x of xs) {
          expect(add(t, x)).toBe(!s.has(x));
          s.add(x);
        }
        expect([...t.values()].sort()).toEqual([...s].sort());
      }),
    );
  });
});
