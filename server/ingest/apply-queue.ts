import type { FleetEvent } from '../../lib/events';

/** What applying takes: the engine's `ingest` (a fake in tests). */
export interface Applies {
  ingest(ev: FleetEvent): 'accepted' | 'duplicate';
}

/** How many of a batch's events were new to the engine, and how many it knew already. */
export interface AppliedCounts {
  accepted: number;
  duplicates: number;
}

/** Events applied between two turns of the event loop (about half a millisecond of work). */
export const APPLY_SLICE = 250;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies the log's batches to the engine one after another, in the order they were queued (the
 * order the log took them), each a slice at a time with a turn of the event loop between slices.
 *
 * Applying a batch of 1,000 events takes a few milliseconds of the main thread. Done in one go, it
 * holds back everything else queued behind it: the log's write finishing (so its fsync starts
 * late), the next bodies coming back from the parsing thread, the answers to send. Each request
 * then spends longer waiting, and with a client's few requests in flight, the main thread sits
 * idle between them. In slices, those small steps go on while a batch applies.
 *
 * A batch is applied whole before the next one starts, and `between` runs work only where no batch
 * is half applied (a snapshot must never hold part of a batch whose log position it does not
 * count). Reads in between see the state after some prefix of the log, as they always could.
 */
export class ApplyQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly slice = APPLY_SLICE) {}

  /**
   * Once `ready` resolves (the log has the batch) and every batch queued before is applied,
   * applies `events`, then calls `done` with what `ready` gave (before any later batch starts).
   * Call in log order. When `ready` rejects, nothing is applied and the promise rejects with its
   * error; the batches after it still apply.
   */
  apply<T>(engine: Applies, events: readonly FleetEvent[], ready: Promise<T>, done?: (value: T) => void): Promise<AppliedCounts> {
    // Handled from now on: a log that fails while earlier batches apply must not count as an
    // unhandled rejection (which ends the process) before this batch's turn comes to see it.
    ready.catch(() => undefined);
    return this.run(async () => {
      const value = await ready;
      const counts: AppliedCounts = { accepted: 0, duplicates: 0 };
      for (let k = 0; k < events.length; k++) {
        if (k > 0 && k % this.slice === 0) await nextTurn();
        if (engine.ingest(events[k]) === 'accepted') counts.accepted++;
        else counts.duplicates++;
      }
      done?.(value);
      return counts;
    });
  }

  /** Runs `fn` after the batches queued so far are applied, before any batch queued later starts. */
  between<T>(fn: () => T): Promise<T> {
    return this.run(async () => fn());
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const p = this.tail.then(task);
    this.tail = p.catch(() => undefined);
    return p;
  }
}
