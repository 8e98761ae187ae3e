import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../lib/events';
import { ApplyQueue, type Applies } from '../../../server/ingest/apply-queue';

const ev = (id: string): FleetEvent => ({ type: 'location', id, driverId: 'd1', ts: 1_000, lat: 41.15, lng: -8.61 });
const evs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ev(`${prefix}${i}`));

/** An engine that records what it was given, and knows an id it was given before. */
function recorder(): Applies & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    ingest: (e) => {
      if (seen.includes(e.id!)) return 'duplicate';
      seen.push(e.id!);
      return 'accepted';
    },
  };
}

/** A promise and its resolve/reject, to play the log's append finishing when the test says. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ApplyQueue', () => {
  it('applies the batches in the order they were queued, even when the second is ready first', async () => {
    const engine = recorder();
    const q = new ApplyQueue(2);
    const first = deferred<number>();
    const second = deferred<number>();
    const order: number[] = [];
    const a = q.apply(engine, evs('a', 3), first.promise, (seq) => order.push(seq));
    const b = q.apply(engine, evs('b', 3), second.promise, (seq) => order.push(seq));
    second.resolve(6);
    await new Promise((r) => setImmediate(r));
    expect(engine.seen).toEqual([]);
    first.resolve(3);
    await Promise.all([a, b]);
    expect(engine.seen).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    expect(order).toEqual([3, 6]);
  });

  it('counts what the engine accepted and what it knew already', async () => {
    const engine = recorder();
    const q = new ApplyQueue();
    await q.apply(engine, [ev('x')], Promise.resolve(1));
    expect(await q.apply(engine, [ev('x'), ev('y'), ev('z')], Promise.resolve(4))).toEqual({ accepted: 2, duplicates: 1 });
  });

  it('gives the event loop a turn between slices, so other work goes on while a batch applies', async () => {
    const engine = recorder();
    const q = new ApplyQueue(2);
    const seenMidway: number[] = [];
    const applying = q.apply(engine, evs('a', 6), Promise.resolve(6));
    const tick = () => {
      seenMidway.push(engine.seen.length);
      if (engine.seen.length < 6) setImmediate(tick);
    };
    setImmediate(tick);
    await applying;
    expect(seenMidway.some((n) => n > 0 && n < 6)).toBe(true);
  });

  it('runs `between` only where no batch is half applied: after the batches queued before it, before those queued after', async () => {
    const engine = recorder();
    const q = new ApplyQueue(2);
    const later = deferred<number>();
    void q.apply(engine, evs('a', 5), Promise.resolve(5));
    const seen = q.between(() => engine.seen.length);
    const after = q.apply(engine, evs('b', 5), later.promise);
    expect(await seen).toBe(5);
    later.resolve(10);
    await after;
    expect(engine.seen).toHaveLength(10);
  });

  it('applies nothing of a batch the log failed to take, rejects with its error, and goes on with the next', async () => {
    const engine = recorder();
    const q = new ApplyQueue(2);
    const failed = deferred<number>();
    const done: number[] = [];
    const a = q.apply(engine, evs('a', 3), failed.promise, (seq) => done.push(seq));
    const b = q.apply(engine, evs('b', 3), Promise.resolve(3), (seq) => done.push(seq));
    failed.reject(new Error('event log unavailable: disk full'));
    await expect(a).rejects.toThrow('disk full');
    await b;
    expect(engine.seen).toEqual(['b0', 'b1', 'b2']);
    expect(done).toEqual([3]);
  });
});
