import type { IngestResult } from '../lib/api-types';
import type { Engine } from './engine/engine';
import type { CheckedBatch, RequestText, ValidatedBatch } from './ingest/pipeline';

/** Health of the event log, for /healthz, /readyz and the metrics. */
export interface LogHealth {
  kind: 'file' | 'redis';
  /** the log accepts writes now */
  writable: boolean;
  /** sequence (file) or entry id (Redis) of the newest event applied */
  lastApplied: string;
  /** events written to the log but not yet applied to this process's engine (Redis mode) */
  lagEvents: number;
}

/**
 * A live fleet: an engine fed through a durable log. The embedded mode (segment files) and the
 * Redis mode (a stream shared by several processes) both present this face to HTTP and sockets.
 */
export interface LiveFleet {
  readonly engine: Engine;
  /** Validates raw events and admits them at the door. */
  check(raw: readonly unknown[]): CheckedBatch;
  /** Admits events validated already (by an ingest parsing thread) at the door. */
  admit(validated: ValidatedBatch, text?: RequestText): CheckedBatch;
  /** Makes the good events durable, then (embedded mode) applies them. Throws LogUnavailableError. */
  ingest(batch: CheckedBatch): Promise<IngestResult>;
  health(): LogHealth;
  /** Called after events were applied to the engine (for latency measurements). */
  onApplied(listener: (events: number) => void): void;
  snapshot(): Promise<void>;
  close(): Promise<void>;
}
