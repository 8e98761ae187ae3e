import { describe, expect, it } from 'vitest';
import { NameCache } from '../../lib/name-cache';

/** A cache whose server is a list of asks, answered by the test; time is a number the test moves. */
function setUp() {
  const asks: { ids: string[]; answer: (pairs: [string, string | null][]) => void }[] = [];
  let t = 0;
  const cache = new NameCache((ids, answer) => asks.push({ ids, answer }), 5000, () => t);
  return { cache, asks, advance: (ms: number) => (t += ms) };
}
const tick = () => Promise.resolve();

describe('NameCache', () => {
  it('asks for the ids wanted in one tick in one batch, and knows the names once answered', async () => {
    const { cache, asks } = setUp();
    expect([cache.nameOf('a'), cache.nameOf('b'), cache.nameOf('a')]).toEqual([undefined, undefined, undefined]);
    await tick();
    expect(asks.map((a) => a.ids)).toEqual([['a', 'b']]);
    asks[0].answer([
      ['a', 'Ana'],
      ['b', null],
    ]);
    expect([cache.nameOf('a'), cache.nameOf('b')]).toEqual(['Ana', undefined]);
  });

  it('does not ask again for an id while an ask is recent, and asks again after the retry time', async () => {
    const { cache, asks, advance } = setUp();
    cache.nameOf('a');
    await tick();
    advance(4000);
    cache.nameOf('a');
    await tick();
    expect(asks).toHaveLength(1);
    advance(1000);
    cache.nameOf('a');
    await tick();
    expect(asks.map((a) => a.ids)).toEqual([['a'], ['a']]);
  });

  it('splits a large want into asks of at most 200 ids', async () => {
    const { cache, asks } = setUp();
    for (let i = 0; i < 450; i++) cache.nameOf(`d${i}`);
    await tick();
    expect(asks.map((a) => a.ids.length)).toEqual([200, 200, 50]);
  });

  it('ignores an answer that is not [id, name] pairs', async () => {
    const { cache, asks } = setUp();
    cache.nameOf('a');
    await tick();
    asks[0].answer('nonsense' as never);
    asks[0].answer([['a', 7] as never, [1, 'x'] as never]);
    expect(cache.nameOf('a')).toBeUndefined();
  });
});
