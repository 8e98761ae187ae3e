import fs from 'node:fs';
import path from 'node:path';
import type { FleetEvent } from '../lib/events';
import { DayStore } from '../server/days/day-store';
import { emptyReadStats, readNdjsonEvents } from '../server/days/ndjson-file';
import { readSegment } from '../server/days/prepare';
import { straightLineEta } from '../server/engine/eta';
import { roadEta } from '../server/engine/eta-road';
import { EtaEvaluator, formatEvalTable } from '../server/eval/eta-eval';
import { loadRoadGraph } from '../server/roads/load';

/**
 * `npm run eval:eta -- DAY [--roads porto|city[:SEED]|FILE.geojson]`: replays a day (a recorded
 * day's id, or an NDJSON file) through the engine and prints the absolute error of the ETAs by
 * horizon, for the road model (v2), the engine's straight-line model (v1), and the strongest
 * straight-line baseline (one constant speed fitted in hindsight on the same samples).
 */
const usage = 'usage: npm run eval:eta -- DAY|FILE.ndjson [--roads porto|city[:SEED]|FILE.geojson]';
const args = process.argv.slice(2);
function fail(message: string): never {
  console.error(`eval:eta: ${message}`);
  process.exit(2);
}
const ri = args.indexOf('--roads');
const roadsArg = ri >= 0 ? args.splice(ri, 2)[1] : undefined;
const [day] = args;
if (!day) fail(usage);

/** The day's events, its time range when known (for progress) and the roads it was driven on. */
async function openDay(): Promise<{ events: AsyncIterable<FleetEvent> | Iterable<FleetEvent>; range: [number, number] | null; roads: string }> {
  if (fs.existsSync(day) && fs.statSync(day).isFile()) {
    return { events: readNdjsonEvents(day, emptyReadStats()), range: null, roads: 'porto' };
  }
  const store = new DayStore(path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'days'), () => fail('unreachable'));
  const record = store.record(day);
  if (!record) fail(`${day}: neither a file nor a recorded day (see npm run days -- list)`);
  if (record.source.kind === 'simulated') {
    const { simulateDay } = await import('../server/sim/index');
    const start = Date.parse(`${record.source.date}T00:00:00Z`);
    return { events: simulateDay({ seed: record.source.seed, drivers: record.source.drivers, date: record.source.date }), range: [start, start + 86_400_000], roads: `city:${record.source.seed}` };
  }
  const prepared = await store.open(day);
  async function* segments(): AsyncGenerator<FleetEvent> {
    for (let k = 0; k < prepared.meta.segments; k++) yield* await readSegment(prepared.dir, k);
  }
  return { events: segments(), range: [prepared.meta.startTs, prepared.meta.endTs], roads: 'porto' };
}

const { events, range, roads } = await openDay();
const roadSpec = roadsArg ?? roads;
process.stderr.write(`  … loading roads (${roadSpec})\n`);
const graph = loadRoadGraph(roadSpec);
process.stderr.write(`  ✓ ${graph.nodeCount.toLocaleString('en-US')} junctions, ${graph.edgeCount.toLocaleString('en-US')} road edges\n`);
const evaluator = new EtaEvaluator([roadEta(graph), straightLineEta()]);

let n = 0;
let last = 0;
const started = Date.now();
const progress = (ts: number, final = false) => {
  const now = Date.now();
  if (!final && now - last < 250) return;
  last = now;
  const pct = range ? Math.min(100, Math.max(0, Math.floor(((ts - range[0]) / Math.max(1, range[1] - range[0])) * 100))) : null;
  const bar = pct === null ? '' : `[${'#'.repeat(Math.floor(pct / 4)).padEnd(25, '.')}] ${String(pct).padStart(3)}%  `;
  process.stderr.write(`\r  replaying ${bar}${n.toLocaleString('en-US')} events, ${evaluator.truth.length.toLocaleString('en-US')} ETA samples, ${((now - started) / 1000).toFixed(0)} s`);
  if (final) process.stderr.write('\n');
};
for await (const ev of events) {
  evaluator.ingest(ev);
  n++;
  if ((n & 1023) === 0) progress(ev.ts);
}
progress(range ? range[1] : 0, true);

console.log('');
for (const line of formatEvalTable(evaluator.result())) console.log(line);
