import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { dayEtaOf } from '../server/days/day-eta';
import { DayStore } from '../server/days/day-store';
import { formatPortoReport, PortoImporter } from '../server/import/porto';
import { validateEvent } from '../lib/validate';
import { CliArgs } from './cli-flags';
import { roadsFlag } from './roads-flag';

/**
 * `npm run import -- porto FILE --out day.ndjson [--add] [--id ID] [--label TEXT] [--roads SPEC]`:
 * turns a public dataset into an NDJSON day of fleet events (sorted by ts), reports what it
 * dropped and why, and with `--add` registers the day for replay (as `npm run days -- add
 * day.ndjson --roads porto` would), with the roads it was driven on: Porto's OSM roads from the
 * shared data by default (`--roads none` for none).
 * Formats: `porto` (ECML/PKDD 2015 Taxi Service Trajectory CSV).
 */
const usage = 'usage: npm run import -- porto FILE --out day.ndjson [--add] [--id ID] [--label TEXT] [--roads porto|FILE|none]';
const cli = new CliArgs('import');
const { rest: args } = cli;
function fail(message: string): never {
  return cli.fail(message);
}
const flag = (name: string) => cli.flag(name);
const bool = (name: string) => cli.bool(name);

const out = flag('out');
const idFlag = flag('id');
const label = flag('label');
const add = bool('add');
const roadsValue = flag('roads');
const [format, file] = args;
if (format !== 'porto') fail(format ? `unknown format "${format}" (known: porto)\n${usage}` : usage);
if (!file) fail(`FILE is required\n${usage}`);
if (!out) fail(`--out is required\n${usage}`);
if (!fs.existsSync(file)) fail(`${file}: no such file`);

/** One progress line on stderr, redrawn at most 4 times a second. */
function progressBar(title: string): (done: number, total: number, detail: string, final?: boolean) => void {
  let last = 0;
  return (done, total, detail, final = false) => {
    const now = Date.now();
    if (!final && now - last < 250) return;
    last = now;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r  ${title} [${bar}] ${String(pct).padStart(3)}%  ${detail}`);
    if (final) process.stderr.write('\n');
  };
}

// Read: 4 MB at a time, a line at a time into the importer.
const importer = new PortoImporter();
const fd = fs.openSync(file, 'r');
const size = fs.fstatSync(fd).size;
const buf = Buffer.alloc(4 * 1024 * 1024);
let rest = '';
let read = 0;
const reading = progressBar('reading');
for (;;) {
  const n = fs.readSync(fd, buf, 0, buf.length, null);
  read += n;
  const lines = (rest + (n ? buf.toString('utf8', 0, n) : '')).split('\n');
  rest = n ? lines.pop()! : '';
  for (const line of lines) importer.addLine(line);
  reading(read, size, `${importer.report.rows.toLocaleString('en-US')} rows`);
  if (!n) break;
}
fs.closeSync(fd);
reading(size, size, `${importer.report.rows.toLocaleString('en-US')} rows`, true);
const { events, report } = importer.finish();

// Write: every event checked against the contract on the way out (a bug here must not ship a day).
const writing = progressBar('writing');
const outFd = fs.openSync(out, 'w');
let chunk: string[] = [];
for (let i = 0; i < events.length; i++) {
  const v = validateEvent(events[i]);
  if (!v.ok) fail(`internal error: event ${i} is not valid (${v.error}): ${JSON.stringify(events[i])}`);
  chunk.push(JSON.stringify(events[i]));
  if (chunk.length === 10_000 || i === events.length - 1) {
    fs.writeSync(outFd, chunk.join('\n') + '\n');
    chunk = [];
    writing(i + 1, events.length, `${(i + 1).toLocaleString('en-US')} events`);
  }
}
fs.closeSync(outFd);
writing(events.length, events.length, `${events.length.toLocaleString('en-US')} events`, true);
console.log(`wrote ${out}`);
for (const line of formatPortoReport(report)) console.log(line);

if (add) {
  const roads = roadsFlag(roadsValue, 'porto', fail);
  const store = new DayStore(path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'days'), () => {
    throw new Error('simulated days are prepared by the server');
  }, undefined, dayEtaOf(loadConfig())); // prepared with the server's ETA model (ETA_MODEL, ETA_ROADS)
  const id = idFlag ?? path.basename(out).replace(/\.(nd)?json(l)?$/i, '').replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 64);
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) fail(`--id: must be 1 to 64 characters from [A-Za-z0-9_.:-]`);
  if (store.record(id)) fail(`--id: a day "${id}" exists already (choose another with --id)`);
  const preparing = progressBar('preparing');
  const first = events.length ? events[0].ts : 0;
  const span = events.length ? events[events.length - 1].ts - first : 0;
  try {
    const meta = await store.addImported(
      id,
      label ?? `Porto taxis · ${path.basename(file)}`,
      out,
      events,
      () => 0,
      (ts, n) => preparing(ts - first, span, `${n.toLocaleString('en-US')} events`),
      roads,
    );
    preparing(span, span, `${meta.events.toLocaleString('en-US')} events`, true);
    console.log(`added day "${id}" for replay: ${meta.events.toLocaleString('en-US')} events, ${meta.drivers} drivers, ${meta.orders} orders, ${roads ? `on the roads ${roads}` : 'no roads of its own'}`);
  } catch (err) {
    fail((err as Error).message);
  }
} else {
  console.log(`to replay it: npm run days -- add ${out}`);
}
