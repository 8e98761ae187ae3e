import type { IngestResult } from '../../lib/api-types';
import type { FleetEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';
import type { Engine } from '../engine/engine';
import type { ApplyQueue } from './apply-queue';

/** Where accepted events are made durable: the segment log here, a Redis stream in Redis mode. */
export interface EventLog {
  /**
   * Resolves with the sequence number of the last line once all lines are durable. `bytes`, when
   * given, are the lines as the log would write them (each followed by a newline, UTF-8); with
   * them, `lines` may be null, and `lineCount` says how many lines the bytes hold.
   */
  append(lines: string[] | null, bytes?: Buffer, lineCount?: number): Promise<number>;
  readonly writable: boolean;
}

/** The events of one ingest request, once checked. */
export interface CheckedBatch {
  good: FleetEvent[];
  /**
   * The text each good event came as (NDJSON), for the log: a line that validated holds the same
   * event, and replaying the log validates it again. Null: the log takes `goodBytes`, or else
   * encodes the events itself.
   */
  goodLines: string[] | null;
  /**
   * The good events' lines as bytes, when the request's body was exactly those lines (every line
   * good and new); `goodLines` is then null, as the log needs nothing else.
   */
  goodBytes: Buffer | null;
  rejected: IngestResult['rejected'];
  /** events already known before this request: nothing to write */
  knownDuplicates: number;
}

/** The events of one request once validated, before anything is compared with the state. */
export interface ValidatedBatch {
  /** the good events, in request order */
  events: FleetEvent[];
  /** each good event's 0-based index in the request */
  indices: number[];
  rejected: IngestResult['rejected'];
}

/**
 * Validates and normalizes each raw event; the engine never sees the raw form. Where `checked` is
 * 1, the parser already gave the validated event (see parseEvents) and it is taken as it is.
 */
export function validateBatch(
  raw: readonly unknown[],
  parseErrors: ReadonlyMap<number, string> = new Map(),
  checked: Uint8Array | null = null,
): ValidatedBatch {
  const events: FleetEvent[] = [];
  const indices: number[] = [];
  const rejected: IngestResult['rejected'] = [];
  for (let i = 0; i < raw.length; i++) {
    if (checked !== null && checked[i] === 1) {
      events.push(raw[i] as FleetEvent);
      indices.push(i);
      continue;
    }
    const parseError = parseErrors.size ? parseErrors.get(i) : undefined;
    if (parseError !== undefined) {
      rejected.push({ index: i, error: parseError });
      continue;
    }
    const r = validateEvent(raw[i]);
    if (!r.ok) rejected.push({ index: i, error: r.error });
    else {
      events.push(r.event);
      indices.push(i);
    }
  }
  return { events, indices, rejected };
}

/**
 * The request's text as the log can keep it: `lines` holds each event's own NDJSON line by request
 * index (null for a JSON body: the log encodes the events), or a function that splits them out
 * when asked; `bytes` is the body when it was exactly those lines (see parseEvents).
 */
export interface RequestText {
  lines: readonly string[] | (() => readonly string[]) | null;
  bytes: Buffer | null;
}

/**
 * Where admission looks for events the engine knows already: in every batch, or only in a batch
 * that looks like a resend (its first or last event known). The second is for a fleet whose ingest
 * applies the batch before it answers (ingestBatch), so that a known event the door let through is
 * still found, and counted as a duplicate, on applying; a fleet that answers before it applies
 * (the Redis mode) must look at every event.
 */
export type DoorSearch = 'every' | 'resends';

/**
 * Admits validated events at the door: the known ones it finds (see DoorSearch) are counted as
 * duplicates and go no further, so a retried batch adds nothing to the log; the rest go to the log
 * and then the engine. With 'resends', any other batch goes whole, without a lookup per event:
 * should it still hold a known event, the engine finds it on applying and counts it as a duplicate
 * all the same (the answer and the state are the same either way; the log keeps the line, and a
 * replay skips it the same way).
 */
export function admitBatch(engine: Engine, v: ValidatedBatch, text: RequestText = { lines: null, bytes: null }, search: DoorSearch = 'every'): CheckedBatch {
  const n = v.events.length;
  if (search === 'resends') {
    const resend = n > 0 && (engine.isDuplicate(v.events[0]) || (n > 1 && engine.isDuplicate(v.events[n - 1])));
    if (!resend) return admitted(v.events, v.indices, v, text, 0);
  }
  // Sized for every event and cut to those kept: pushing would regrow both arrays as they fill.
  const good: FleetEvent[] = new Array(n);
  const kept: number[] = new Array(n);
  let m = 0;
  let knownDuplicates = 0;
  for (let k = 0; k < n; k++) {
    const ev = v.events[k];
    if (engine.isDuplicate(ev)) knownDuplicates++;
    else {
      good[m] = ev;
      kept[m++] = v.indices[k];
    }
  }
  good.length = kept.length = m;
  return admitted(good, kept, v, text, knownDuplicates);
}

/** The batch for the log and the engine: `good` (request indices `kept`) and the text to write. */
function admitted(good: FleetEvent[], kept: readonly number[], v: ValidatedBatch, text: RequestText, knownDuplicates: number): CheckedBatch {
  const everyLine = !v.rejected.length && !knownDuplicates;
  const goodBytes = text.bytes && everyLine ? text.bytes : null;
  let goodLines: string[] | null = null;
  if (text.lines && !goodBytes) {
    const lines = typeof text.lines === 'function' ? text.lines() : text.lines;
    goodLines = kept.map((i) => lines[i]);
  }
  return { good, goodLines, goodBytes, rejected: v.rejected, knownDuplicates };
}

/** Validation and admission in one step, for events that arrive as objects (sockets, the simulator). */
export function checkBatch(engine: Engine, raw: readonly unknown[], search: DoorSearch = 'every'): CheckedBatch {
  return admitBatch(engine, validateBatch(raw), undefined, search);
}

/**
 * Ingest with the contract's durability: the good events are written to the log and the promise
 * resolves only after the log has them; then `applier` applies them, in log order, so that a
 * rebuild from the log gives the same state. Throws the log's error (the caller answers 503) and then
 * nothing of the batch was acknowledged.
 */
export async function ingestBatch(
  engine: Engine,
  log: EventLog,
  batch: CheckedBatch,
  applier: ApplyQueue,
  onApplied?: (seq: number, n: number) => void,
): Promise<IngestResult> {
  let accepted = 0;
  let duplicates = batch.knownDuplicates;
  if (batch.good.length) {
    const lines = batch.goodLines ?? (batch.goodBytes ? null : batch.good.map((e) => JSON.stringify(e)));
    // Bytes that are the good lines hold one line per good event: no need to count them again.
    const appended = log.append(lines, batch.goodBytes ?? undefined, batch.goodBytes ? batch.good.length : undefined);
    // Queued now, as the log took the batch: the engine applies batches in the log's order.
    const n = batch.good.length;
    const counts = await applier.apply(engine, batch.good, appended, (seq) => onApplied?.(seq, n));
    accepted = counts.accepted;
    duplicates += counts.duplicates;
  }
  if (batch.rejected.length) engine.countRejected(batch.rejected.length);
  // Duplicates found at the door never reach engine.ingest, which counts only those it finds
  // itself; without this, GET /api/metrics would miss every retried event.
  if (batch.knownDuplicates) engine.counters.duplicates += batch.knownDuplicates;
  return { accepted, duplicates, rejected: batch.rejected };
}
