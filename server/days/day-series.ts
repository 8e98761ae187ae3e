import fs from 'node:fs';
import path from 'node:path';
import type { SeriesBody } from '../../lib/api-types';
import { seriesBody } from '../engine/views';
import { restoreEngine, type EngineSnapshot } from '../engine/snapshot';
import type { PreparedDay } from './day-store';
import { etaModelOfSpec } from './day-eta';
import { preparedEta, readCheckpoint, readSegment } from './prepare';

const FILE = 'series.json';

/**
 * The per-minute series of a whole recorded day (what the replay scrubber draws behind it): the
 * last checkpoint plus the last segment gives the engine's state at the end of the day, whose
 * series covers every minute. Computed once per day and kept beside its segments.
 */
export async function daySeries(day: PreparedDay): Promise<SeriesBody> {
  const file = path.join(day.dir, FILE);
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as SeriesBody;
  } catch {
    // not computed yet
  }
  const last = day.meta.segments - 1;
  if (last < 0) return { ts: 0, points: [] };
  const [snapshot, events] = await Promise.all([readCheckpoint(day.dir, last), readSegment(day.dir, last)]);
  const engine = restoreEngine(snapshot as EngineSnapshot, {}, etaModelOfSpec(preparedEta(day.meta)));
  for (const ev of events) engine.ingest(ev);
  const body = seriesBody(engine, day.meta.startTs, day.meta.endTs);
  await fs.promises.writeFile(file + '.tmp', JSON.stringify(body));
  await fs.promises.rename(file + '.tmp', file);
  return body;
}
