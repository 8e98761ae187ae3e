import path from 'node:path';
import { loadConfig } from '../server/config';
import { dayEtaOf } from '../server/days/day-eta';
import { DayStore } from '../server/days/day-store';
import { emptyReadStats, readNdjsonEvents } from '../server/days/ndjson-file';
import { CliArgs } from './cli-flags';
import { roadsFlag } from './roads-flag';

/**
 * `npm run days -- list` and `npm run days -- add FILE [--label TEXT] [--id ID] [--roads SPEC]`:
 * the recorded days that the dashboard can replay, kept under DATA_DIR/days (default ./data/days).
 * `--roads` names the roads the day was driven on (`porto` or an OSM GeoJSON path).
 */
const usage = 'usage: npm run days -- list | add FILE [--label TEXT] [--id ID] [--roads porto|FILE]';
const cli = new CliArgs('days');
const { rest: args } = cli;
function fail(message: string): never {
  return cli.fail(message);
}
const flag = (name: string) => cli.flag(name);
const store = new DayStore(path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'days'), () => {
  throw new Error('simulated days are prepared by the server');
}, undefined, dayEtaOf(loadConfig())); // prepared with the server's ETA model (ETA_MODEL, ETA_ROADS)

const label = flag('label');
const idFlag = flag('id');
const roadsValue = flag('roads');
const [command, file] = args;

if (command === 'list') {
  const days = store.list();
  if (!days.length) console.log('no recorded days yet (the server registers a simulated one at its first start)');
  for (const d of days) {
    console.log(`${d.id.padEnd(24)} ${d.kind.padEnd(9)} ${d.ready ? new Date(d.startTs).toISOString().slice(0, 16) : 'not prepared yet'}  ${d.events.toLocaleString()} events, ${d.drivers} drivers, ${d.orders} orders  ${d.label}`);
  }
} else if (command === 'add') {
  if (!file) fail(`add: FILE is required\n${usage}`);
  const id = idFlag ?? path.basename(file).replace(/\.(nd)?json(l)?$/i, '').replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 64);
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) fail(`--id: must be 1 to 64 characters from [A-Za-z0-9_.:-]`);
  if (store.record(id)) fail(`--id: a day "${id}" exists already (choose another with --id)`);
  const roads = roadsFlag(roadsValue, undefined, fail);
  const stats = emptyReadStats();
  let lastPrint = 0;
  const progress = (final = false) => {
    const now = Date.now();
    if (!final && now - lastPrint < 250) return;
    lastPrint = now;
    const pct = stats.bytesTotal ? Math.floor((stats.bytesRead / stats.bytesTotal) * 100) : 100;
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r  [${bar}] ${String(pct).padStart(3)}%  ${stats.events.toLocaleString()} events, ${stats.skipped} skipped`);
    if (final) process.stderr.write('\n');
  };
  try {
    const meta = await store.addImported(id, label ?? path.basename(file), file, readNdjsonEvents(file, stats), () => stats.skipped, () => progress(), roads);
    progress(true);
    console.log(`added day "${id}": ${meta.events.toLocaleString()} events, ${meta.drivers} drivers, ${meta.orders} orders, ${new Date(meta.startTs).toISOString()} to ${new Date(meta.endTs).toISOString()}`);
    if (stats.skipped) console.log(`skipped ${stats.skipped} lines that are not valid events, e.g.:\n  ${stats.reasons.join('\n  ')}`);
  } catch (err) {
    fail((err as Error).message);
  }
} else {
  fail(usage);
}
