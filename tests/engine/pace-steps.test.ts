import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaceSteps } from '../../server/engine/pace-steps';

describe('PaceSteps', () => {
  it('the pace is (actual + shrink) / (learned + shrink) over steps ending in (from, to]', () => {
    const p = new PaceSteps();
    p.set(10, 30, 20, 1);
    p.set(20, 40, 20, 1);
    p.set(30, 100, 10, 1);
    expect(p.pace(10, 20, true, 0)).toBe(40 / 20); // 10 is outside, 30 after the window
    expect(p.pace(0, 30, true, 10)).toBe((170 + 10) / (50 + 10));
  });

  it('stops count only when asked', () => {
    const p = new PaceSteps();
    p.set(10, 30, 20, 1);
    p.set(20, 60, 0, 0);
    expect([p.pace(0, 20, true, 0), p.pace(0, 20, false, 0)]).toEqual([90 / 20, 30 / 20]);
  });

  it('a late step is kept in ts order; a withdrawn one is forgotten; old ones are dropped', () => {
    const p = new PaceSteps();
    p.set(30, 3, 3, 1);
    p.set(10, 1, 1, 1);
    p.set(20, 2, 2, 1);
    p.delete(20);
    p.delete(25);
    expect(p.toJSON()).toEqual([10, 1, 1, 1, 30, 3, 3, 1]);
    p.dropBefore(30);
    expect(p.toJSON()).toEqual([30, 3, 3, 1]);
  });

  it('keeps its steps in snapshots as one flat array, and restores from it', () => {
    const p = new PaceSteps();
    p.set(10, 1, 1, 0);
    p.set(30, 3, 3, 1);
    p.newest = 30;
    const q = PaceSteps.fromJSON(p.newest, JSON.parse(JSON.stringify(p.toJSON())));
    expect([q.newest, q.toJSON(), q.pace(0, 30, true, 0)]).toEqual([30, [10, 1, 1, 0, 30, 3, 3, 1], p.pace(0, 30, true, 0)]);
  });

  it('restores from the rows of older snapshots, in any order', () => {
    const p = PaceSteps.fromJSON(30, [
      [30, 3, 3, 1],
      [10, 1, 1, 0],
    ]);
    expect([p.newest, p.toJSON()]).toEqual([30, [10, 1, 1, 0, 30, 3, 3, 1]]);
  });

  it('answers as a map of step end to values would, for any operations', () => {
    const op = fc.oneof(
      fc.record({ set: fc.integer({ min: 0, max: 60 }), a: fc.integer({ min: 0, max: 99 }), m: fc.constantFrom(0, 1) }),
      fc.record({ del: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ drop: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (ops, from, to) => {
        const p = new PaceSteps();
        const model = new Map<number, [number, number, number]>();
        for (const o of ops) {
          if ('set' in o) {
            p.set(o.set, o.a, o.a + 1, o.m);
            model.set(o.set, [o.a, o.a + 1, o.m]);
          } else if ('del' in o) {
            p.delete(o.del);
            model.delete(o.del);
          } else {
            p.dropBefore(o.drop);
            for (const t of [...model.keys()]) if (t < o.drop) model.delete(t);
          }
        }
        const sorted = [...model].sort((x, y) => x[0] - y[0]);
        expect(p.toJSON()).toEqual(sorted.flatMap(([t, r]) => [t, ...r]));
        for (const stops of [true, false]) {
          let a = 0;
          let x = 0;
          for (const [t, r] of sorted) {
            if (t <= from || t > to || (!stops && !r[2])) continue;
            a += r[0];
            x += r[1];
          }
          expect(p.pace(from, to, stops, 5)).toBe((a + 5) / (x + 5));
        }
      }),
    );
  });
});
