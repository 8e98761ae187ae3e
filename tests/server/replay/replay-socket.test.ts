import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import type { ReplayClientToServerEvents, ReplayClock, ReplayServerToClientEvents } from '../../../lib/live-types';
import { drive, min, online } from '../../support/events';
import { getJson, startApiServer, type ApiServer } from '../../support/server';
import { sleep } from '../../support/sockets';

type ReplayClient = Socket<ReplayServerToClientEvents, ReplayClientToServerEvents>;

function dayEvents(): FleetEvent[] {
  const a = drive('a', min(0) + 1000, 1080, 10, 30);
  const b = drive('b', min(0) + 4000, 1080, 10, 20, 41.16);
  const events: FleetEvent[] = [online('a', min(0), 'Ana'), online('b', min(0), 'Bo')];
  for (let i = 0; i < a.length; i++) events.push(a[i], b[i]);
  return events;
}

describe('replay over Socket.IO (namespace /replay)', () => {
  let api: ApiServer;
  const clients: ReplayClient[] = [];
  const connect = (day: string) => {
    const c: ReplayClient = io(`${api.url}/replay`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { day } });
    clients.push(c);
    return c;
  };
  const call = <T>(c: ReplayClient, ev: 'replay:play' | 'replay:pause', ...args: never[]) => new Promise<T>((resolve) => (c.emit as (...a: unknown[]) => void)(ev, ...args, resolve));
  const seek = (c: ReplayClient, ts: unknown) => new Promise<ReplayClock | ErrorBody>((resolve) => c.emit('replay:seek', ts as number, resolve));
  const speed = (c: ReplayClient, s: unknown) => new Promise<ReplayClock | ErrorBody>((resolve) => c.emit('replay:speed', s as number, resolve));
  const firstClock = (c: ReplayClient) => new Promise<ReplayClock>((resolve) => c.once('clock', resolve));

  beforeAll(async () => {
    api = await startApiServer();
    await api.app.days.addImported('three-hours', 'three hours', 'x.ndjson', dayEvents(), () => 0);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await api.close();
  });

  it('lists the day in GET /api/days with its counts, beside the default simulated day', async () => {
    const days = await getJson<{ id: string; events: number; drivers: number; ready: boolean }[]>(api.url, '/api/days');
    expect(days.map((d) => d.id)).toEqual(['sim-seed-1', 'three-hours']);
    expect(days[1]).toMatchObject({ events: 2162, drivers: 2, orders: 0, startTs: min(0), ready: true, kind: 'imported' });
  });

  it('starts paused at the start of the day, with a full vehicles frame, metrics and zones', async () => {
    const c = connect('three-hours');
    const [clock, vehicles, metrics] = await Promise.all([firstClock(c), new Promise((r) => c.once('vehicles', r)), new Promise((r) => c.once('metrics', r))]);
    expect(clock).toMatchObject({ ts: min(0), startTs: min(0), playing: false });
    expect(vehicles).toMatchObject({ full: true });
    expect(metrics).toHaveProperty('drivers');
  });

  it('play advances the clock at the chosen speed, sending clock at least 4 times a second', async () => {
    const c = connect('three-hours');
    await firstClock(c);
    expect(await speed(c, 600)).toMatchObject({ speed: 600 });
    const clocks: ReplayClock[] = [];
    c.on('clock', (k) => clocks.push(k));
    const t0 = performance.now();
    const started = await call<ReplayClock>(c, 'replay:play');
    expect(started.playing).toBe(true);
    await sleep(2000);
    const paused = await call<ReplayClock>(c, 'replay:pause');
    const wallSeconds = (performance.now() - t0) / 1000;
    expect(clocks.filter((k) => k.playing).length).toBeGreaterThanOrEqual(5);
    // 600 simulated seconds per wall second; a loaded machine may delay the last ticks.
    const simulated = (paused.ts - started.ts) / 1000;
    expect(simulated).toBeGreaterThan(600 * (wallSeconds - 1));
    expect(simulated).toBeLessThanOrEqual(600 * wallSeconds);
    await sleep(500);
    expect((await call<ReplayClock>(c, 'replay:pause')).ts).toBe(paused.ts);
  });

  it('seek jumps to a time and shows the state of that time', async () => {
    const c = connect('three-hours');
    await firstClock(c);
    const frame = new Promise<{ full: boolean; upserts: { id: string; ts: number }[] }>((resolve) => c.on('vehicles', (f) => f.full && resolve(f)));
    const clock = await seek(c, min(95));
    expect(clock).toMatchObject({ ts: min(95), playing: false });
    const f = await frame;
    for (const v of f.upserts) expect(v.ts).toBeLessThanOrEqual(min(95));
    expect(Math.max(...f.upserts.map((v) => v.ts))).toBeGreaterThan(min(95) - 15_000);
  });

  it("answers names:get from the session's own state, for the map's tooltips", async () => {
    const c = connect('three-hours');
    await firstClock(c);
    const names = await new Promise<[string, string | null][]>((resolve) => c.emit('names:get', ['a', 'b', 'c'], resolve));
    expect(names).toEqual([
      ['a', 'Ana'],
      ['b', 'Bo'],
      ['c', null],
    ]);
  });

  it('two sessions of the same day are independent', async () => {
    const c1 = connect('three-hours');
    const c2 = connect('three-hours');
    await Promise.all([firstClock(c1), firstClock(c2)]);
    await seek(c1, min(150));
    const k2 = await new Promise<ReplayClock>((resolve) => c2.emit('replay:speed', 3600, resolve as never));
    expect(k2.ts).toBe(min(0));
    expect((await call<ReplayClock>(c1, 'replay:pause')).ts).toBe(min(150));
  });

  it('answers bad controls with an error body naming the rule', async () => {
    const c = connect('three-hours');
    await firstClock(c);
    expect(await speed(c, 0)).toEqual({ error: { code: 'invalid_speed', message: 'speed: must be a number from 1 to 3600' } });
    expect(await seek(c, 'noon')).toMatchObject({ error: { code: 'invalid_seek' } });
  });

  it('refuses a day that does not exist', async () => {
    const c = connect('no-such-day');
    const err = await new Promise<Error>((resolve) => c.once('connect_error', resolve));
    expect(err.message).toBe('day: no day "no-such-day" (see GET /api/days)');
  });
});
