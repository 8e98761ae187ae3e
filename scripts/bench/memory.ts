import { validateEvent } from '../../lib/validate';
import { Engine } from '../../server/engine/engine';
import { SyntheticFleet } from './gen';

/**
 * Resident memory of an engine holding `drivers` drivers with `minutes` of trail each (fixes every
 * 10 s), measured in a process of its own. Prints one JSON line.
 */
const drivers = Number(process.argv[2] ?? 10_000);
const minutes = Number(process.argv[3] ?? 30);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseRss = process.memoryUsage().rss;
const engine = new Engine();
// Generate and ingest in slices so the benchmark's own input does not count as engine memory.
const fleet = new SyntheticFleet({ drivers, everyS: 10 });
for (let m = 0; m < minutes; m += 1) {
  const lines = fleet.next(6);
  for (const l of lines) {
    const r = validateEvent(JSON.parse(l));
    if (r.ok) engine.ingest(r.event);
  }
  if (m % 5 === 4) process.stderr.write(`    memory: ${m + 1}/${minutes} min of fixes ingested\n`);
}
gc?.();
gc?.();
const mem = process.memoryUsage();
const d = engine.drivers.values().next().value!;
console.log(
  JSON.stringify({
    drivers: engine.drivers.size,
    events: engine.counters.accepted,
    trailPoints: d.trail.length,
    trailMinutes: (d.trail.lastTs() - d.trail.firstTs()) / 60_000,
    rssMb: mem.rss / 1048576,
    heapUsedMb: mem.heapUsed / 1048576,
    baseRssMb: baseRss / 1048576,
  }),
);
