import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Trail } from '../../server/engine/trail';

const tsOf = (t: Trail) => t.toArray().map((p) => p[0]);

describe('Trail', () => {
  it('keeps points in ts order whatever order they arrive in, one per ts', () => {
    const t = new Trail();
    expect([t.insert(20, 1, 1), t.insert(10, 2, 2), t.insert(30, 3, 3), t.insert(20, 9, 9)]).toEqual([0, 0, 2, -1]);
    expect(t.toArray()).toEqual([
      [10, 2, 2],
      [20, 1, 1],
      [30, 3, 3],
    ]);
  });

  it('trimming drops points older than the cut and always keeps the newest', () => {
    const t = new Trail();
    for (const ts of [10, 20, 30]) t.insert(ts, 0, 0);
    t.trimBefore(15);
    expect(tsOf(t)).toEqual([20, 30]);
    t.trimBefore(1000);
    expect(tsOf(t)).toEqual([30]);
  });

  it('a late point that becomes the oldest is trimmed like any other', () => {
    const t = new Trail();
    for (const ts of [100, 110]) t.insert(ts, 0, 0);
    t.trimBefore(95);
    t.insert(90, 0, 0);
    expect(tsOf(t)).toEqual([90, 100, 110]);
    t.trimBefore(95);
    expect(tsOf(t)).toEqual([100, 110]);
  });

  it('a restored trail trims as the original would', () => {
    const t = new Trail();
    for (const ts of [10, 20, 30]) t.insert(ts, 0, 0);
    const r = Trail.fromJSON(t.toJSON());
    r.trimBefore(25);
    expect(tsOf(r)).toEqual([30]);
  });

  it('matches a sorted list for any inserts and trims', () => {
    const op = fc.oneof(
      fc.record({ insert: fc.integer({ min: 0, max: 500 }) }),
      fc.record({ trim: fc.integer({ min: 0, max: 500 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new Trail();
        let model: number[] = [];
        for (const o of ops) {
          if ('insert' in o) {
            const had = model.includes(o.insert);
            expect(t.insert(o.insert, o.insert / 10, 0) >= 0).toBe(!had);
            if (!had) model = [...model, o.insert].sort((a, b) => a - b);
          } else {
            t.trimBefore(o.trim);
            const keep = model.filter((x, i) => x >= o.trim || i === model.length - 1);
            model = keep;
          }
          expect(tsOf(t)).toEqual(model);
        }
      }),
    );
  });

  it('stays the sorted list through many compactions, with late points among them and a restore midway', () => {
    // A sliding window of fixes (trimmed as they age), long enough to compact the array many
    // times, each fix now and then late by up to 5 steps.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 3 }), { minLength: 600, maxLength: 1500 }), fc.integer({ min: 50, max: 200 }), (jitter, window) => {
        let t = new Trail();
        let model: number[] = [];
        jitter.forEach((j, step) => {
          const ts = Math.max(0, step + Math.min(0, j)) * 10 + (j < 0 ? 1 : 0);
          const had = model.includes(ts);
          expect(t.insert(ts, ts / 100, -ts / 100) >= 0).toBe(!had);
          if (!had) model = [...model, ts].sort((a, b) => a - b);
          t.trimBefore(step * 10 - window * 10);
          model = model.filter((x, i) => x >= step * 10 - window * 10 || i === model.length - 1);
          if (step === 400) t = Trail.fromJSON(t.toJSON());
        });
        expect(t.toArray()).toEqual(model.map((x) => [x, x / 100, -x / 100]));
      }),
      { numRuns: 30 },
    );
  });
});
