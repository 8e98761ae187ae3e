import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FleetEvent } from '../../lib/events';
import { DayStore } from '../../server/days/day-store';
import { Engine } from '../../server/engine/engine';
import { simulateDay } from '../../server/sim/index';
import { runChild } from './child';
import { percentile } from './proc';
import { fmt, printTable, step } from './progress';

const DRIVERS = 1000;

/** The events, saying on stderr how far through them the reader is, every tenth. */
function* reporting(events: FleetEvent[], label: string): Generator<FleetEvent> {
  const tenth = Math.ceil(events.length / 10);
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && i % tenth === 0) process.stderr.write(`    ${label}: ${Math.round((i * 100) / events.length)}% of the events\n`);
    yield events[i];
  }
}
const settings = { seed: 7, drivers: DRIVERS, date: '2026-11-25', fixEverySec: 10 };

/** Issue 4's benchmark: a whole simulated day through the engine, replay seeks, session memory. */
export async function benchDay(): Promise<void> {
  let done = step(`simulating a day of ${fmt(DRIVERS)} drivers (10-second fixes)`);
  let t = performance.now();
  const events: FleetEvent[] = [];
  const gen = simulateDay(settings);
  let r = gen.next();
  while (!r.done) {
    events.push(r.value);
    r = gen.next();
  }
  const simSeconds = (performance.now() - t) / 1000;
  const summary = r.value;
  done(`${fmt(events.length)} events, ${fmt(summary.orders)} orders`);

  done = step('the engine over the whole day at full speed');
  t = performance.now();
  const engine = new Engine();
  for (const ev of events) engine.ingest(ev);
  const engineSeconds = (performance.now() - t) / 1000;
  done();
  printTable(`A whole simulated day (${fmt(DRIVERS)} drivers, ${fmt(summary.orders)} orders, ${fmt(events.length)} events)`, [
    { name: 'simulator output', value: `${fmt(events.length / simSeconds)} events/s (${fmt(simSeconds, 1)} s)` },
    { name: 'engine, whole day', value: `${fmt(engineSeconds, 1)} s (${fmt(events.length / engineSeconds)} events/s)`, target: '< 20 s', ok: engineSeconds < 20 },
    { name: 'simulate + engine', value: `${fmt(simSeconds + engineSeconds, 1)} s` },
  ]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-day-'));
  try {
    done = step('preparing the day for replay (segments and checkpoints)');
    t = performance.now();
    const store = new DayStore(dir, () => reporting(events, 'prepared'));
    store.addSimulated('bench', 'bench', { kind: 'simulated', seed: settings.seed, drivers: DRIVERS, date: settings.date });
    const day = await store.open('bench');
    const prepSeconds = (performance.now() - t) / 1000;
    const bytes = fs.readdirSync(day.dir).reduce((s, f) => s + fs.statSync(path.join(day.dir, f)).size, 0);
    done();

    done = step('50 random seeks (own process)');
    const { times } = await runChild<{ times: number[] }>('scripts/bench/seeks.ts', [dir, 'bench']);
    done();
    times.sort((a, b) => a - b);
    const p99 = percentile(times, 0.99);
    printTable('Replay', [
      { name: 'prepare the day (once)', value: `${fmt(prepSeconds, 1)} s, ${fmt(bytes / 1048576, 1)} MB on disk` },
      { name: 'seek p50', value: `${fmt(percentile(times, 0.5))} ms` },
      { name: 'seek p99', value: `${fmt(p99)} ms`, target: '< 1000 ms', ok: p99 < 1000 },
    ]);

    done = step('memory of one replay session (own process)');
    const mem = await runChild<{ heapMb: number; rssMb: number }>('scripts/bench/session-memory.ts', [dir, 'bench'], ['--expose-gc']);
    done();
    printTable('Replay session memory (1,000-driver day, seeked to noon)', [
      { name: 'heap of one session', value: `${fmt(mem.heapMb, 1)} MB` },
      { name: 'RSS added', value: `${fmt(mem.rssMb, 1)} MB` },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
