import { compareStreamIds, type StreamId } from './stream-id';

interface Waiter {
  id: StreamId;
  resolve: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Lets an ingest wait until this process's reader has applied the entries it wrote, so a read
 * from the same process after the 200 sees them (as in the embedded mode). The wait is capped:
 * the events are durable already, a slow reader only delays the answer.
 */
export class AppliedWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly lastApplied: () => StreamId | null) {}

  wait(id: StreamId, maxMs: number): Promise<void> {
    const last = this.lastApplied();
    if (maxMs <= 0 || (last !== null && compareStreamIds(id, last) <= 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        id,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve();
        }, maxMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Releases every waiter whose entry is applied now. */
  notify(applied: StreamId): void {
    if (!this.waiters.length) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (compareStreamIds(w.id, applied) <= 0) {
        clearTimeout(w.timer);
        w.resolve();
      } else still.push(w);
    }
    this.waiters = still;
  }

  releaseAll(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.waiters = [];
  }
}
