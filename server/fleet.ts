import path from 'node:path';
import type { IngestResult } from '../lib/api-types';
import { validateEvent } from '../lib/validate';
import type { EngineConfig } from './engine/config';
import type { EtaModel } from './engine/eta';
import { Engine } from './engine/engine';
import { restoreEngine, snapshotEngine, type EngineSnapshot } from './engine/snapshot';
import { ApplyQueue } from './ingest/apply-queue';
import { admitBatch, checkBatch, ingestBatch, type CheckedBatch, type RequestText, type ValidatedBatch } from './ingest/pipeline';
import { SegmentLog } from './log/segment-log';
import { SnapshotStore } from './log/snapshot-store';
import type { Logger } from './logger';
import type { LiveFleet, LogHealth } from './fleet-types';

export interface FleetOptions {
  dataDir: string;
  engine?: Partial<EngineConfig>;
  /** the engine's ETA model (default: the straight line) */
  eta?: EtaModel;
  snapshotEveryEvents?: number;
  snapshotEveryMs?: number;
  logRetentionMs?: number;
  logger?: Logger;
  /** called with progress while the state is rebuilt from the log */
  onRecoverProgress?: (done: number) => void;
}

/**
 * The live fleet of the embedded mode: one engine fed through the durable segment log, with
 * periodic snapshots so a restart replays only the log after the newest one.
 */
export class Fleet implements LiveFleet {
  engine: Engine;
  readonly log: SegmentLog;
  private readonly snapshots: SnapshotStore;
  private appliedSeq = 0;
  private snapshotSeq = 0;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshotAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly appliedListeners: ((events: number) => void)[] = [];
  /** applies what the log took, in its order, a slice at a time */
  private readonly applier = new ApplyQueue();

  private constructor(
    private readonly opts: FleetOptions,
    engine: Engine,
    log: SegmentLog,
    snapshots: SnapshotStore,
  ) {
    this.engine = engine;
    this.log = log;
    this.snapshots = snapshots;
  }

  static async open(opts: FleetOptions): Promise<Fleet> {
    const log = new SegmentLog(path.join(opts.dataDir, 'log'));
    const snapshots = new SnapshotStore(path.join(opts.dataDir, 'snapshots'));
    await log.open();
    const latest = await snapshots.loadLatest();
    let engine: Engine | null = null;
    let from = 1;
    if (latest && latest.seq <= log.lastSeq) {
      try {
        engine = restoreEngine(latest.snapshot as EngineSnapshot, opts.engine, opts.eta);
        from = latest.seq + 1;
      } catch (err) {
        // A snapshot of another format (an older release): rebuild from the whole log instead.
        opts.logger?.warn({ err: (err as Error).message, seq: latest.seq }, 'snapshot not usable; replaying the whole log');
      }
    } else if (latest) {
      opts.logger?.warn({ snapshotSeq: latest.seq, lastSeq: log.lastSeq }, 'the newest snapshot is ahead of the log; replaying the whole log');
    }
    engine ??= new Engine(opts.engine, opts.eta);
    const fleet = new Fleet(opts, engine, log, snapshots);
    fleet.snapshotSeq = from - 1;
    const started = Date.now();
    let n = 0;
    let unreadable = 0;
    await log.replay(from, (line) => {
      // The log keeps events as producers sent them (NDJSON lines that validated at the door):
      // validating again gives the very event the engine applied then.
      const r = validateEvent(JSON.parse(line));
      if (r.ok) engine.ingest(r.event);
      else if (++unreadable <= 5) opts.logger?.warn({ error: r.error }, 'a logged event no longer validates; skipped');
      if (++n % 100_000 === 0) opts.onRecoverProgress?.(n);
    });
    fleet.appliedSeq = log.lastSeq;
    engine.drainChanged();
    opts.logger?.info(
      { snapshotSeq: fleet.snapshotSeq, replayed: n, lastSeq: log.lastSeq, ms: Date.now() - started },
      'state rebuilt from snapshot and log',
    );
    const every = opts.snapshotEveryMs ?? 5 * 60_000;
    fleet.timer = setInterval(() => void fleet.maybeSnapshot(true), Math.min(every, 60_000));
    fleet.timer.unref();
    return fleet;
  }

  // ingestBatch applies before it answers: the door need only look into batches that look resent.
  check(raw: readonly unknown[]): CheckedBatch {
    return checkBatch(this.engine, raw, 'resends');
  }

  admit(validated: ValidatedBatch, text?: RequestText): CheckedBatch {
    return admitBatch(this.engine, validated, text, 'resends');
  }

  async ingest(batch: CheckedBatch): Promise<IngestResult> {
    const result = await ingestBatch(this.engine, this.log, batch, this.applier, (seq, n) => {
      this.appliedSeq = Math.max(this.appliedSeq, seq);
      for (const l of this.appliedListeners) l(n);
    });
    void this.maybeSnapshot(false);
    return result;
  }

  health(): LogHealth {
    return { kind: 'file', writable: this.log.writable, lastApplied: String(this.appliedSeq), lagEvents: 0 };
  }

  onApplied(listener: (events: number) => void): void {
    this.appliedListeners.push(listener);
  }

  /** Snapshot when enough events or time have passed since the last one. */
  async maybeSnapshot(byTimer: boolean): Promise<void> {
    const pending = this.appliedSeq - this.snapshotSeq;
    if (this.snapshotting || pending <= 0) return;
    const every = this.opts.snapshotEveryEvents ?? 500_000;
    const due = pending >= every || (byTimer && Date.now() - this.lastSnapshotAt >= (this.opts.snapshotEveryMs ?? 5 * 60_000));
    if (due) await this.snapshot();
  }

  /** Writes a snapshot of the state as of the last applied event, then prunes the log. */
  async snapshot(): Promise<void> {
    if (this.snapshotting) return this.snapshotting;
    this.snapshotting = (async () => {
      try {
        // Between two batches: a batch half applied has no place in a snapshot, whose position
        // (the last batch applied whole) would have a restart apply the rest again.
        const { seq, snap } = await this.applier.between(() => ({ seq: this.appliedSeq, snap: snapshotEngine(this.engine) }));
        await this.snapshots.save(seq, snap);
        this.snapshotSeq = seq;
        this.lastSnapshotAt = Date.now();
        const removed = await this.log.prune({
          coveredSeq: seq,
          retentionMs: this.opts.logRetentionMs ?? 48 * 3_600_000,
          nowMs: Date.now(),
        });
        this.opts.logger?.info({ seq, removedSegments: removed }, 'snapshot written');
      } catch (err) {
        this.opts.logger?.error({ err }, 'snapshot failed; will retry');
      } finally {
        this.snapshotting = null;
      }
    })();
    return this.snapshotting;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.snapshotting) await this.snapshotting;
    await this.log.close();
  }
}
