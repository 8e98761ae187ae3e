import { runChild } from './child';
import { measureEngine } from './engine-throughput';
import { SyntheticFleet } from './gen';
import { fmt, printTable, step } from './progress';

/**
 * The fleet's fixes as one NDJSON text, and how many lines it has. The text is decoded from its
 * bytes, as a request body is: a flat string. (The joined lines would be a rope, which makes every
 * read of a character slower, for JSON.parse and the engine alike.)
 */
function generatedNdjson(drivers: number): { ndjson: string; events: number } {
  const lines = new SyntheticFleet({ drivers, everyS: 10 }).next(60);
  return { ndjson: Buffer.from(lines.join('\n') + '\n').toString('utf8'), events: lines.length };
}

/** Issue 2's benchmark: engine vs JSON.parse, HTTP ingest vs a bare server, memory. */
export async function benchCore(): Promise<void> {
  const DRIVERS = 10_000;
  let done = step(`generating ${DRIVERS.toLocaleString()} drivers × 10 min of fixes`);
  // Only the joined text is kept: 600,000 separate line strings left alive would be marked by every
  // full GC the engine's growth triggers, a cost of this benchmark and not of the engine.
  const { ndjson, events } = generatedNdjson(DRIVERS);
  done(`${fmt(events)} events, ${fmt(ndjson.length / events)} bytes each`);

  done = step('engine vs JSON.parse floor (best of 5, alternating)');
  const e = measureEngine(ndjson, 5);
  done();
  const engineRatio = e.engineEps / e.floorEps;
  printTable('Engine throughput (NDJSON bytes to updated state, one core)', [
    { name: 'JSON.parse alone (floor)', value: `${fmt(e.floorEps)} events/s` },
    { name: 'parse + validate + engine', value: `${fmt(e.engineEps)} events/s` },
    { name: 'ratio engine / floor', value: fmt(engineRatio, 2), target: '>= 0.5', ok: engineRatio >= 0.5 },
  ]);

  done = step('HTTP: bare parse-only server vs the real server (validation, fsynced log, engine)');
  const { bareEps, realEps } = await runChild<{ bareEps: number; realEps: number }>('scripts/bench/http-compare.ts');
  done();
  const httpRatio = realEps / bareEps;
  printTable('HTTP ingest (batches of 1,000, 4 in flight, 300,000 events, best of 3)', [
    { name: 'bare Node server, parse only', value: `${fmt(bareEps)} events/s` },
    { name: 'real server, durable', value: `${fmt(realEps)} events/s` },
    { name: 'ratio real / bare', value: fmt(httpRatio, 2), target: '>= 0.5', ok: httpRatio >= 0.5 },
  ]);

  done = step('memory: 10,000 drivers with 30-minute trails (own process)');
  const mem = await runChild<{ rssMb: number; heapUsedMb: number; trailMinutes: number; events: number; baseRssMb: number }>(
    'scripts/bench/memory.ts',
    [String(DRIVERS), '32'],
    ['--expose-gc'],
  );
  done();
  printTable('Memory', [
    { name: 'events ingested', value: fmt(mem.events) },
    { name: 'trail kept per driver', value: `${fmt(mem.trailMinutes, 1)} min` },
    { name: 'heap used', value: `${fmt(mem.heapUsedMb)} MB` },
    { name: 'process RSS', value: `${fmt(mem.rssMb)} MB`, target: '< 500 MB', ok: mem.rssMb < 500 },
  ]);
}
