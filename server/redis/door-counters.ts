import type { ChainableCommander, Redis } from 'ioredis';
import type { Engine } from '../engine/engine';

/** Events refused (invalid) or found duplicate at the door of an ingest request. */
export interface DoorTotals {
  rejected: number;
  duplicates: number;
}

/**
 * Door counts shared by every process. Events refused or recognized as duplicates at the door are
 * never written to the stream, so no other process would count them; each request adds its counts
 * to one Redis hash (in the same MULTI as its events), and every process folds the hash's growth
 * into its engine's counters. `folded` travels with the snapshot, so a restore neither loses nor
 * double-counts what the hash held at snapshot time.
 */
export class DoorCounters {
  folded: DoorTotals = { rejected: 0, duplicates: 0 };

  constructor(private readonly key: string) {}

  /** Queues the increments on a MULTI; their replies are the new totals (see `foldReplies`). */
  queue(multi: ChainableCommander, door: DoorTotals): Array<keyof DoorTotals> {
    const fields: Array<keyof DoorTotals> = [];
    for (const field of ['rejected', 'duplicates'] as const) {
      if (door[field] > 0) {
        multi.hincrby(this.key, field, door[field]);
        fields.push(field);
      }
    }
    return fields;
  }

  /** Adds what the totals hold beyond what was folded already (never goes back). */
  fold(engine: Engine, totals: Partial<DoorTotals>): void {
    for (const field of ['rejected', 'duplicates'] as const) {
      const total = totals[field];
      if (total === undefined || !Number.isFinite(total) || total <= this.folded[field]) continue;
      engine.counters[field] += total - this.folded[field];
      this.folded[field] = total;
    }
  }

  /** Reads the shared totals and folds them in (other processes' door counts). */
  async sync(redis: Redis, engine: Engine): Promise<void> {
    const [rejected, duplicates] = await redis.hmget(this.key, 'rejected', 'duplicates');
    this.fold(engine, { rejected: Number(rejected ?? 0), duplicates: Number(duplicates ?? 0) });
  }

  /** Counts at this process only, when the shared hash cannot be reached. */
  countLocally(engine: Engine, door: DoorTotals): void {
    engine.counters.rejected += door.rejected;
    engine.counters.duplicates += door.duplicates;
  }
}
