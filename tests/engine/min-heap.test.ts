import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../server/engine/min-heap';

const drain = (h: MinHeap<string>) => {
  const out: [number, string][] = [];
  while (h.size) {
    const key = h.peekKey();
    out.push([key, h.pop()!]);
  }
  return out;
};

describe('MinHeap in snapshots', () => {
  const filled = () => {
    const h = new MinHeap<string>();
    for (const [k, v] of [[5, 'e'], [1, 'a'], [4, 'd'], [2, 'b'], [3, 'c']] as const) h.push(k, v);
    return h;
  };

  it('keeps key and value after one another in one flat array, and pops the same after restoring', () => {
    const json = JSON.parse(JSON.stringify(filled().toJSON()));
    expect(json).toHaveLength(10);
    expect(drain(MinHeap.fromJSON<string>(json))).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e']]);
  });

  it("restores older snapshots' [key, value] pairs, in any order", () => {
    expect(drain(MinHeap.fromJSON<string>([[3, 'c'], [1, 'a'], [2, 'b']]))).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });
});
