/**
 * `npm run simulate -- --seed 7 --drivers 1000 --date 2026-11-25 --out day.ndjson`
 *
 * Writes one simulated day as NDJSON contract events (POST it to /api/ingest as
 * application/x-ndjson, in chunks of up to 10,000 lines), with a progress bar on stderr and a
 * summary at the end. See docs/simulator.md.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { loadOsmGeoJson } from '../server/roads/osm';
import { CliUsageError, flagOf, parseSimulateArgs, SIMULATE_USAGE, type SimulateArgs } from '../server/sim/cli-args';
import { DaySimulator, SimSettingsError, type TruthRecord } from '../server/sim/index';

/** Simulated time per write: about 2,000 events for 1,000 drivers. */
const STEP_MS = 60_000;

async function main(): Promise<number> {
  let args: SimulateArgs;
  try {
    args = parseSimulateArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CliUsageError) return usageError(e.message);
    throw e;
  }
  if (args.help) {
    process.stdout.write(SIMULATE_USAGE);
    return 0;
  }
  const started = performance.now();
  if (args.city !== 'generated') {
    let text: string;
    try {
      text = readFileSync(args.city, 'utf8');
    } catch (e) {
      return usageError(`--city: cannot read ${args.city} (${(e as Error).message})`);
    }
    try {
      args.settings.city = loadOsmGeoJson(text);
    } catch (e) {
      return usageError(`--city: ${args.city} is not a usable OSM GeoJSON file (${(e as Error).message})`);
    }
  }

  // Plain synchronous writes: the page cache takes them at memory speed, with no event-loop
  // round trip per chunk (half a gigabyte for 1,000 drivers).
  let truthFd: number | null = null;
  let outFd: number;
  try {
    outFd = args.out === '-' ? 1 : openSync(args.out, 'w');
  } catch (e) {
    return usageError(`--out: cannot write ${args.out} (${(e as Error).message})`);
  }
  try {
    truthFd = args.truth ? openSync(args.truth, 'w') : null;
  } catch (e) {
    return usageError(`--truth: cannot write ${args.truth} (${(e as Error).message})`);
  }
  let truthLines: string[] = [];
  const onTruth = truthFd !== null ? (r: TruthRecord) => void truthLines.push(JSON.stringify(r)) : undefined;
  let sim: DaySimulator;
  try {
    sim = new DaySimulator(args.settings, { onTruth });
  } catch (e) {
    if (e instanceof SimSettingsError) return usageError(`${flagOf(e.field)}: ${e.message.slice(e.field.length + 2)}`);
    throw e;
  }

  const progress = args.quiet ? null : new Progress(sim.startTs, sim.endTs);
  let bytes = 0;
  const flushTruth = () => {
    if (truthFd !== null && truthLines.length > 0) {
      writeAll(truthFd, truthLines.join('\n') + '\n');
      truthLines = [];
    }
  };
  for (let t = sim.startTs + STEP_MS; ; t += STEP_MS) {
    const last = t >= sim.endTs;
    const events = last ? sim.finish() : sim.advanceTo(t);
    if (events.length > 0) {
      let text = '';
      for (const e of events) text += JSON.stringify(e) + '\n';
      bytes += writeAll(outFd, text);
    }
    flushTruth();
    progress?.update(Math.min(t, sim.endTs), sim.summary().events);
    if (last) break;
  }
  flushTruth();
  if (outFd !== 1) closeSync(outFd);
  if (truthFd !== null) closeSync(truthFd);
  progress?.done();

  const s = sim.summary();
  const seconds = (performance.now() - started) / 1000;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `simulated ${new Date(s.startTs).toISOString().slice(0, 10)} on ${args.city === 'generated' ? 'a generated city' : args.city} (${sim.graph.nodeCount} nodes, ${sim.graph.edgeCount} edges)`,
    `  drivers   ${s.drivers} (${s.driversWorked} worked)`,
    `  orders    ${s.orders}: ${s.delivered} delivered, ${s.cancelled} cancelled`,
    `  on time   ${pct(s.onTimeShare)} of deliveries`,
    `  busy      ${pct(s.utilization)} of online time`,
    `  events    ${s.events} (${s.locations} fixes; ${s.faults.duplicate} duplicates, ${s.faults.out_of_order} out of order, ${s.faults.late} late, ${s.faults.gps_jump} GPS jumps)`,
    `  output    ${(bytes / 1e6).toFixed(1)} MB to ${args.out === '-' ? 'stdout' : args.out}${args.truth ? `, truth to ${args.truth}` : ''}`,
    `  time      ${seconds.toFixed(1)} s (${Math.round(s.events / seconds).toLocaleString('en-US')} events/s)`,
  ];
  // The summary goes where it does not mix with the events.
  (args.out === '-' ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`simulate: ${message}\n`);
  return 2;
}

/** Writes all of `text` (a pipe may take it in pieces); returns the bytes written. */
function writeAll(fd: number, text: string): number {
  const buf = Buffer.from(text);
  for (let off = 0; off < buf.length; ) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The reader went away (`| head`): stop quietly, like any Unix filter.
      if (code === 'EPIPE') process.exit(0);
      // A non-blocking stdout pipe that is full: wait a moment and go on.
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  return buf.length;
}

/** One line on stderr: a bar over the simulated day, its percent, and events per second. */
class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastTenth = -1;

  constructor(
    private readonly startTs: number,
    private readonly endTs: number,
  ) {}

  update(ts: number, events: number): void {
    const share = (ts - this.startTs) / (this.endTs - this.startTs);
    const now = performance.now();
    const rate = Math.round(events / Math.max(0.001, (now - this.started) / 1000));
    const hhmm = new Date(ts).toISOString().slice(11, 16);
    if (this.tty) {
      if (now - this.lastDraw < 100 && share < 1) return;
      this.lastDraw = now;
      const width = 30;
      const full = Math.round(share * width);
      const bar = '█'.repeat(full) + '░'.repeat(width - full);
      process.stderr.write(`\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${hhmm}  ${events.toLocaleString('en-US')} events  ${rate.toLocaleString('en-US')}/s `);
    } else {
      const tenth = Math.floor(share * 10);
      if (tenth === this.lastTenth) return;
      this.lastTenth = tenth;
      process.stderr.write(`${(tenth * 10).toString().padStart(3)}%  ${hhmm}  ${events} events  ${rate}/s\n`);
    }
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`simulate: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
