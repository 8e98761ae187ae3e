import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FleetEvent } from '../../lib/events';
import { Engine } from '../engine/engine';
import { snapshotEngine } from '../engine/snapshot';
import { asciiJson, jsonText } from './ascii-json';
import { etaModelOfSpec, LEGACY_DAY_ETA } from './day-eta';
import { ReleaseClock } from './release';

/**
 * A replay segment ends after this much release time or this many events, whichever comes
 * first: a seek restores one checkpoint and replays at most one segment, so a large fleet gets
 * shorter segments and seeks stay fast.
 */
export const SEGMENT_MS = 30 * 60_000;
export const SEGMENT_MAX_EVENTS = 25_000;

/**
 * Bumped with the engine snapshot format: a simulated day prepared by an older release is prepared
 * again. (The ETA model is not part of the format: `eta` says which one the checkpoints hold.)
 */
export const PREPARED_FORMAT = 3;

export interface PreparedMeta {
  format: number;
  startTs: number;
  endTs: number;
  events: number;
  drivers: number;
  orders: number;
  /** segment k covers release times (bounds[k], bounds[k + 1]]; the last one runs to the end */
  bounds: number[];
  segments: number;
  /** events skipped because they did not validate (imported days) */
  skipped: number;
  /**
   * the ETA model the checkpoints were built with (day-eta.ts spec: `straight-line` or
   * `road:ROADS`); a replay restores them with the same. Absent before it was recorded: straight-line.
   */
  eta?: string;
}

/** The ETA model a prepared day's checkpoints hold. */
export const preparedEta = (meta: PreparedMeta): string => meta.eta ?? LEGACY_DAY_ETA;

/** Files computed from a prepared day and kept beside it (a new preparation drops them). */
export const DERIVED_FILES = ['series.json', 'outcomes.json'];

/**
 * Cuts a day into gzipped NDJSON segments of SEGMENT_MS of release time, with a gzipped engine
 * snapshot at the start of each (the state after every event released before it). Streams: at
 * most one segment's lines are held in memory. Returns what GET /api/days lists. The engine runs
 * the ETA model `etaOf(first event's ts)` names (day-eta.ts), so the checkpoints carry what that
 * model learned and a replay gives the ETAs the live engine with that model gave.
 */
export async function prepareDay(dir: string, events: Iterable<FleetEvent>, onProgress?: (ts: number, events: number) => void, etaOf: (firstTs: number) => string = () => LEGACY_DAY_ETA): Promise<PreparedMeta> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of DERIVED_FILES) fs.rmSync(path.join(dir, f), { force: true });
  let engine = new Engine();
  let eta = LEGACY_DAY_ETA;
  const release = new ReleaseClock();
  const drivers = new Set<string>();
  const orders = new Set<string>();
  const bounds: number[] = [];
  let lines: string[] = [];
  let count = 0;
  let startTs = Infinity;
  let endTs = -Infinity;
  let lastRelease = -Infinity;
  const flush = async () => {
    const k = bounds.length - 1;
    await fs.promises.writeFile(path.join(dir, `segment-${k}.ndjson.gz`), zlib.gzipSync(lines.join('\n') + (lines.length ? '\n' : '')));
    lines = [];
  };
  /** Starts segment k at release time `at`, with the engine's state as its checkpoint. */
  const open = async (at: number) => {
    bounds.push(at);
    const json = asciiJson(snapshotEngine(engine));
    await fs.promises.writeFile(path.join(dir, `checkpoint-${bounds.length - 1}.json.gz`), zlib.gzipSync(json));
  };
  for (const ev of events) {
    const r = release.next(ev.ts);
    if (!bounds.length) {
      eta = etaOf(ev.ts);
      engine = new Engine({}, etaModelOfSpec(eta));
      await open(r - 1);
    } else if (r > lastRelease && (r > bounds[bounds.length - 1] + SEGMENT_MS || lines.length >= SEGMENT_MAX_EVENTS)) {
      // Cut only between different release times: all before have release <= lastRelease < r.
      await flush();
      await open(lastRelease);
      onProgress?.(r, count);
    }
    lastRelease = r;
    lines.push(asciiJson(ev));
    engine.ingest(ev);
    count++;
    // Preparing runs beside a live server: give its event loop a turn now and then.
    if (count % 5000 === 0) await new Promise((res) => setImmediate(res));
    if (ev.ts < startTs) startTs = ev.ts;
    if (ev.ts > endTs) endTs = ev.ts;
    if (ev.type === 'order') orders.add(ev.orderId);
    else drivers.add(ev.driverId);
  }
  if (bounds.length) await flush();
  const meta: PreparedMeta = {
    format: PREPARED_FORMAT,
    startTs: count ? startTs : 0,
    endTs: count ? endTs : 0,
    events: count,
    drivers: drivers.size,
    orders: orders.size,
    bounds,
    segments: bounds.length,
    skipped: 0,
    eta,
  };
  await fs.promises.writeFile(path.join(dir, 'prepared.json'), JSON.stringify(meta));
  return meta;
}

const gunzipAsync = promisify(zlib.gunzip);

/**
 * A day file's bytes, inflated on the thread pool: a seek reads a checkpoint and a segment at once,
 * and each inflates while this thread parses the other. In 1 MB pieces (zlib's default is 16 KB:
 * over a thousand hand-overs for an evening checkpoint).
 */
async function readGzipped(file: string): Promise<Buffer> {
  return gunzipAsync(await fs.promises.readFile(file), { chunkSize: 1 << 20 });
}

/** The events of one segment, in recorded order. */
export async function readSegment(dir: string, k: number): Promise<FleetEvent[]> {
  const buf = await readGzipped(path.join(dir, `segment-${k}.ndjson.gz`));
  const text = jsonText(buf);
  const out: FleetEvent[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end > start) out.push(JSON.parse(text.slice(start, end)) as FleetEvent);
    start = end + 1;
  }
  return out;
}

export async function readCheckpoint(dir: string, k: number): Promise<unknown> {
  return JSON.parse(jsonText(await readGzipped(path.join(dir, `checkpoint-${k}.json.gz`))));
}
