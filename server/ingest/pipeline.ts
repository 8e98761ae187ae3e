import type { IngestResult } from '../../lib/api-types';
import type { FleetEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';
import type { Engine } from '../engine/engine';

/** Where accepted events are made durable: the segment log here, a Redis stream in Redis mode. */
export interface EventLog {
  /**
   * Resolves with the sequence number of the last line once all lines are durable. `bytes`, when
   * given, are the lines as the log would write them (each followed by a newline, UTF-8).
   */
  append(lines: string[], bytes?: Buffer): Promise<number>;
  readonly writable: boolean;
}

/** The events of one ingest request, once checked. */
export interface CheckedBatch {
  good: FleetEvent[];
  /**
   * The text each good event came as (NDJSON), for the log: a line that validated holds the same
   * event, and replaying the log validates it again. Null: the log encodes the events itself.
   */
  goodLines: string[] | null;
  /** `goodLines` as bytes, when the request's body was exactly those lines (every line good) */
  goodBytes: Buffer | null;
  rejected: IngestResult['rejected'];
  /** events already known before this request: nothing to write */
  knownDuplicates: number;
}

/** Validates and normalizes each raw event at the door; the engine never sees the raw form. */
export function checkBatch(
  engine: Engine,
  raw: readonly unknown[],
  parseErrors: ReadonlyMap<number, string> = new Map(),
  lines: readonly string[] | null = null,
  bytes: Buffer | null = null,
): CheckedBatch {
  const good: FleetEvent[] = [];
  const goodLines: string[] | null = lines ? [] : null;
  const rejected: IngestResult['rejected'] = [];
  let knownDuplicates = 0;
  for (let i = 0; i < raw.length; i++) {
    const parseError = parseErrors.get(i);
    if (parseError !== undefined) {
      rejected.push({ index: i, error: parseError });
      continue;
    }
    const r = validateEvent(raw[i]);
    if (!r.ok) rejected.push({ index: i, error: r.error });
    else if (engine.isDuplicate(r.event)) knownDuplicates++;
    else {
      good.push(r.event);
      goodLines?.push(lines![i]);
    }
  }
  const goodBytes = bytes && goodLines && goodLines.length === lines!.length ? bytes : null;
  return { good, goodLines, goodBytes, rejected, knownDuplicates };
}

/**
 * Ingest with the contract's durability: the good events are written to the log and the promise
 * resolves only after the log has them; then they are applied, in log order, so that a rebuild
 * from the log gives the same state. Throws the log's error (the caller answers 503) and then
 * nothing of the batch was acknowledged.
 */
export async function ingestBatch(engine: Engine, log: EventLog, batch: CheckedBatch, onApplied?: (seq: number, n: number) => void): Promise<IngestResult> {
  let accepted = 0;
  let duplicates = batch.knownDuplicates;
  if (batch.good.length) {
    const lines = batch.goodLines ?? batch.good.map((e) => JSON.stringify(e));
    const seq = await log.append(lines, batch.goodBytes ?? undefined);
    for (const ev of batch.good) {
      if (engine.ingest(ev) === 'accepted') accepted++;
      else duplicates++;
    }
    onApplied?.(seq, batch.good.length);
  }
  if (batch.rejected.length) engine.countRejected(batch.rejected.length);
  // Duplicates found at the door never reach engine.ingest, which counts only those it finds
  // itself; without this, GET /api/metrics would miss every retried event.
  if (batch.knownDuplicates) engine.counters.duplicates += batch.knownDuplicates;
  return { accepted, duplicates, rejected: batch.rejected };
}
