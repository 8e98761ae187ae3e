import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../lib/events';
import { seedOfDay } from '../../../server/demo/live-simulator';
import { etaModelOfSpec } from '../../../server/days/day-eta';
import { DayStore } from '../../../server/days/day-store';
import { preparedEta, type PreparedMeta } from '../../../server/days/prepare';
import { Engine } from '../../../server/engine/engine';
import { metricsBody } from '../../../server/engine/views';
import { ReplaySession } from '../../../server/replay/session';
import { hasPorto } from '../../roads/porto-data';
import { assigned, created, delivered, drive, feed, min, online, pickedUp, T0 } from '../../support/events';

/** An hour and a half of one driver with three trips, delivered at 25, 55 and 85 minutes. */
function dayEvents(): FleetEvent[] {
  const events: FleetEvent[] = [online('a', min(0), 'Ana'), ...drive('a', min(0) + 1000, 540, 10, 30)];
  for (const m of [10, 40, 70]) events.push(created(`o${m}`, min(m)), assigned(`o${m}`, min(m) + 1000, 'a'), pickedUp(`o${m}`, min(m + 5)), delivered(`o${m}`, min(m + 15)));
  return events.sort((x, y) => x.ts - y.ts);
}

const metricsAt = (eta: string, t: number) => metricsBody(feed(new Engine({}, etaModelOfSpec(eta)), dayEvents().filter((e) => e.ts <= t)));

describe('recorded days use the live ETA model', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'day-eta-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an imported day is prepared with the configured model (road on the city of its date by default) and replays with it', async () => {
    const store = new DayStore(path.join(dir, 'a'), () => []);
    const meta = await store.addImported('d', 'day', 'd.ndjson', dayEvents(), () => 0);
    const spec = `road:city:${seedOfDay(Math.floor(T0 / 86_400_000) * 86_400_000)}`;
    expect(meta.eta).toBe(spec);
    // The checkpoints carry what the road model learned.
    const checkpoint = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'a', 'd', 'checkpoint-2.json.gz'))).toString('utf8')) as { eta?: unknown };
    expect(checkpoint.eta).toBeDefined();
    const s = new ReplaySession(await store.open('d'));
    await s.seek(min(80));
    expect(s.engine.eta.name).toBe('road');
    expect(metricsBody(s.engine)).toEqual(metricsAt(spec, min(80)));
    // ...which is not what the straight line gives: the comparison can fail.
    expect(metricsAt('straight-line', min(80)).eta.maeSeconds).not.toBe(metricsAt(spec, min(80)).eta.maeSeconds);
  });

  it.skipIf(!hasPorto)('an imported day that names its roads is prepared and replayed on them, whatever ETA_ROADS says', async () => {
    const store = new DayStore(path.join(dir, 'p'), () => [], undefined, { model: 'road', roads: 'city', simSeed: 3 });
    const meta = await store.addImported('d', 'day', 'd.ndjson', dayEvents(), () => 0, undefined, 'porto');
    expect(meta.eta).toBe('road:porto');
    expect(store.record('d')?.source).toEqual({ kind: 'imported', file: 'd.ndjson', roads: 'porto' });
    const s = new ReplaySession(await store.open('d'));
    await s.seek(min(80));
    expect(metricsBody(s.engine)).toEqual(metricsAt('road:porto', min(80)));
    expect(metricsAt('road:city:3', min(80)).eta.maeSeconds).not.toBe(metricsAt('road:porto', min(80)).eta.maeSeconds);
  });

  it('ETA_MODEL=straight-line prepares and replays days with the straight line', async () => {
    const store = new DayStore(path.join(dir, 'b'), () => [], undefined, { model: 'straight-line', roads: 'city', simSeed: null });
    expect((await store.addImported('d', 'day', 'd.ndjson', dayEvents(), () => 0)).eta).toBe('straight-line');
    const s = new ReplaySession(await store.open('d'));
    await s.seek(min(80));
    expect(s.engine.eta.name).toBe('straight-line');
    expect(metricsBody(s.engine)).toEqual(metricsAt('straight-line', min(80)));
  });

  it('an imported day prepared before the model was recorded replays with the straight line it was built with', async () => {
    const old = new DayStore(path.join(dir, 'c'), () => [], undefined, { model: 'straight-line', roads: 'city', simSeed: null });
    await old.addImported('d', 'day', 'd.ndjson', dayEvents(), () => 0);
    const file = path.join(dir, 'c', 'd', 'prepared.json');
    const { eta: _gone, ...legacy } = JSON.parse(fs.readFileSync(file, 'utf8')) as PreparedMeta;
    fs.writeFileSync(file, JSON.stringify(legacy));
    // The server now runs the road model: the day cannot be prepared again (no source), so it keeps its own.
    const store = new DayStore(path.join(dir, 'c'), () => []);
    expect(store.list()[0]).toMatchObject({ id: 'd', ready: true });
    const day = await store.open('d');
    expect(preparedEta(day.meta)).toBe('straight-line');
    const s = new ReplaySession(day);
    await s.seek(min(80));
    expect(metricsBody(s.engine)).toEqual(metricsAt('straight-line', min(80)));
  });

  it('a simulated day prepared with another model is prepared again with the configured one', async () => {
    const generate = () => dayEvents();
    const source = { kind: 'simulated', seed: 4, drivers: 1, date: '2026-11-25' } as const;
    const before = new DayStore(path.join(dir, 'e'), generate, undefined, { model: 'straight-line', roads: 'city', simSeed: null });
    before.addSimulated('s', 'sim', source);
    expect(preparedEta((await before.open('s')).meta)).toBe('straight-line');
    const after = new DayStore(path.join(dir, 'e'), generate);
    expect(after.list()[0].ready).toBe(false);
    const day = await after.open('s');
    // A simulated day's city is its own seed's.
    expect(day.meta.eta).toBe('road:city:4');
    expect(after.list()[0].ready).toBe(true);
  });
});
