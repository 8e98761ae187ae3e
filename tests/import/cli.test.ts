import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { hasPorto, PORTO_ROADS } from '../roads/porto-data';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });

const CSV = [
  'TRIP_ID,CALL_TYPE,ORIGIN_CALL,ORIGIN_STAND,TAXI_ID,TIMESTAMP,DAY_TYPE,MISSING_DATA,POLYLINE',
  '2,C,,,6,1372637400,A,False,"[[-8.61,41.15],[-8.611,41.151]]"',
  '1,B,,7.0,5,1372636800,A,False,"[[-8.62,41.15],[-8.621,41.151],[-8.622,41.152]]"',
  '3,C,,,7,1372636900,A,False,[]',
].join('\r\n');

describe('npm run import', () => {
  it('writes the events sorted by ts, reports drops by reason with a progress bar, and --add registers the day', () => {
    const csv = path.join(dir, 'trips.csv');
    const out = path.join(dir, 'day.ndjson');
    writeFileSync(csv, CSV);
    const r = run('porto', csv, '--out', out, '--add', '--id', 'porto-mini');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/reading \[#+\] 100%/);
    expect(r.stdout).toMatch(/3 rows: 2 trips by 2 taxis, 5 fixes, 17 events/);
    expect(r.stdout).toMatch(/1\s+empty polyline/);
    expect(r.stdout).toMatch(/added day "porto-mini" for replay: 17 events, 2 drivers, 2 orders/);
    const events = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as FleetEvent);
    expect(events).toHaveLength(17);
    expect(events.map((e) => e.ts)).toEqual(events.map((e) => e.ts).sort((a, b) => a - b));
    const days = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/days.ts', 'list'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
    expect(days.stdout).toMatch(/porto-mini\s+imported/);
    // Driven on Porto's roads: its ETAs are routed on them and its replay map draws them.
    const record = JSON.parse(readFileSync(path.join(dir, 'days', 'porto-mini', 'day.json'), 'utf8')) as { source: { roads?: string } };
    expect(record.source.roads).toBe(hasPorto ? 'porto' : undefined);
    expect(r.stdout).toMatch(hasPorto ? /on the roads porto/ : /no roads of its own/);
  });

  it.skipIf(!hasPorto)('records a --roads file given by a relative path as an absolute one, so the server finds it from anywhere', () => {
    const csv = path.join(dir, 'trips.csv');
    writeFileSync(csv, CSV);
    const r = run('porto', csv, '--out', path.join(dir, 'rel.ndjson'), '--add', '--id', 'porto-rel', '--roads', path.relative(root, PORTO_ROADS));
    expect(r.status, r.stderr).toBe(0);
    const record = JSON.parse(readFileSync(path.join(dir, 'days', 'porto-rel', 'day.json'), 'utf8')) as { source: { roads?: string } };
    expect(record.source.roads).toBe(path.resolve(PORTO_ROADS));
  });

  it('--roads none records no roads; --roads with a file that is not there is refused, naming the flag', () => {
    const csv = path.join(dir, 'trips.csv');
    writeFileSync(csv, CSV);
    const none = run('porto', csv, '--out', path.join(dir, 'none.ndjson'), '--add', '--id', 'porto-none', '--roads', 'none');
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/no roads of its own/);
    const bad = run('porto', csv, '--out', path.join(dir, 'bad.ndjson'), '--add', '--id', 'porto-bad', '--roads', path.join(dir, 'nosuch.geojson'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--roads: .*nosuch\.geojson: no such file/);
    const city = run('porto', csv, '--out', path.join(dir, 'city.ndjson'), '--add', '--id', 'porto-city', '--roads', 'city:3');
    expect(city.stderr).toMatch(/--roads: must be porto or an OSM GeoJSON path/);
  });

  it('refuses an unknown format and a missing --out with the usage', () => {
    expect(run('nyc', 'x.csv', '--out', 'y').stderr).toMatch(/unknown format "nyc"/);
    const r = run('porto', 'x.csv');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out is required/);
  });
});
