import fs from 'node:fs';
import path from 'node:path';
import type { OrderOutcome } from '../engine/views';
import type { PreparedDay } from './day-store';
import { readSegment } from './prepare';

const FILE = 'outcomes.json';

/** order id -> what the recorded day says happened to it */
export type DayOutcomes = ReadonlyMap<string, OrderOutcome>;

/** [orderId, pickedUpTs, deliveredTs, cancelledTs] (0 for none): compact on disk. */
type Row = [string, number, number, number];

/**
 * What happened to every order of a recorded day (its pickup, delivery or cancellation time):
 * a replay shows an order's actual arrival beside the ETA the engine gives at the replay clock.
 * One pass over the day's segments (one in memory at a time), kept beside them like the series.
 * The earliest event of each kind counts (a duplicate repeats it; a later one would be refused).
 */
export async function dayOutcomes(day: PreparedDay): Promise<DayOutcomes> {
  const key = `${day.dir}|${day.meta.events}|${day.meta.endTs}|${day.meta.segments}`;
  let p = memo.get(key);
  if (!p) {
    p = load(day);
    memo.set(key, p);
    p.catch(() => memo.delete(key));
    // A few days at most: each is a few hundred bytes per order.
    while (memo.size > 4) memo.delete(memo.keys().next().value!);
  }
  return p;
}

const memo = new Map<string, Promise<DayOutcomes>>();

async function load(day: PreparedDay): Promise<DayOutcomes> {
  const file = path.join(day.dir, FILE);
  try {
    return fromRows(JSON.parse(await fs.promises.readFile(file, 'utf8')) as Row[]);
  } catch {
    // not computed yet
  }
  const out = new Map<string, OrderOutcome>();
  for (let k = 0; k < day.meta.segments; k++) {
    for (const ev of await readSegment(day.dir, k)) {
      if (ev.type !== 'order') continue;
      const field = ev.status === 'picked_up' ? 'pickedUpTs' : ev.status === 'delivered' ? 'deliveredTs' : ev.status === 'cancelled' ? 'cancelledTs' : null;
      if (!field) continue;
      let o = out.get(ev.orderId);
      if (!o) out.set(ev.orderId, (o = { pickedUpTs: null, deliveredTs: null, cancelledTs: null }));
      if (o[field] === null || ev.ts < o[field]) o[field] = ev.ts;
    }
  }
  const rows: Row[] = [...out].map(([id, o]) => [id, o.pickedUpTs ?? 0, o.deliveredTs ?? 0, o.cancelledTs ?? 0]);
  await fs.promises.writeFile(file + '.tmp', JSON.stringify(rows));
  await fs.promises.rename(file + '.tmp', file);
  return out;
}

function fromRows(rows: Row[]): DayOutcomes {
  const nul = (x: number) => (x === 0 ? null : x);
  return new Map(rows.map(([id, p, d, c]) => [id, { pickedUpTs: nul(p), deliveredTs: nul(d), cancelledTs: nul(c) }]));
}
