import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesBody } from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import type { ReplayClientToServerEvents, ReplayClock, ReplayServerToClientEvents, SeriesFrame } from '../../../lib/live-types';
import { assigned, created, delivered, drive, min, online, pickedUp } from '../../support/events';
import { getJson, startApiServer, type ApiServer } from '../../support/server';

type ReplayClient = Socket<ReplayServerToClientEvents, ReplayClientToServerEvents>;

/** Two hours of one driver, with an order created in minute 10, 40 and 70. */
function dayEvents(): FleetEvent[] {
  const events: FleetEvent[] = [online('a', min(0), 'Ana'), ...drive('a', min(0) + 1000, 720)];
  for (const [i, m] of [10, 40, 70].entries()) {
    events.push(created(`o${i}`, min(m)), assigned(`o${i}`, min(m) + 1000, 'a'), pickedUp(`o${i}`, min(m + 5)), delivered(`o${i}`, min(m + 15)));
  }
  return events.sort((x, y) => x.ts - y.ts);
}

describe('the series of a recorded day: the scrubber curve and the replay charts', () => {
  let api: ApiServer;
  const clients: ReplayClient[] = [];
  beforeAll(async () => {
    api = await startApiServer();
    await api.app.days.addImported('two-hours', 'two hours', 'x.ndjson', dayEvents(), () => 0);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await api.close();
  });

  it('GET /api/days/:id/series gives every minute of the whole day', async () => {
    const body = await getJson<SeriesBody>(api.url, '/api/days/two-hours/series');
    expect(body.points[0].ts).toBe(min(0));
    expect(body.points.at(-1)!.ts).toBe(min(119));
    expect(body.points.filter((p) => p.created > 0).map((p) => p.ts)).toEqual([min(10), min(40), min(70)]);
    expect(body.points.reduce((s, p) => s + p.delivered, 0)).toBe(3);
    expect(body.points.reduce((s, p) => s + p.events, 0)).toBe(dayEvents().length);
    // Asked again, it is read back the same.
    expect(await getJson<SeriesBody>(api.url, '/api/days/two-hours/series')).toEqual(body);
  });

  it('answers 404 with the error body for a day that does not exist', async () => {
    const res = await fetch(`${api.url}/api/days/nope/series`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'day nope: no such day (see GET /api/days)' } });
  });

  it('a replay seek sends the series up to the replay clock, in full, and the alerts', async () => {
    const c: ReplayClient = io(`${api.url}/replay`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { day: 'two-hours' } });
    clients.push(c);
    await new Promise((r) => c.once('clock', r));
    const frame = new Promise<SeriesFrame>((resolve) => c.on('series', (f) => f.full && f.points.length > 1 && resolve(f)));
    const alerts = new Promise((resolve) => c.on('alerts', resolve));
    const clock = await new Promise<ReplayClock>((resolve) => c.emit('replay:seek', min(50), resolve as never));
    expect(clock.ts).toBe(min(50));
    const f = await frame;
    // The newest event at or before the clock is at 49:51 (a fix every 10 s from 0:01): the series ends in minute 49.
    expect(f.points.at(-1)!.ts).toBe(min(49));
    expect(f.points.filter((p) => p.created > 0).map((p) => p.ts)).toEqual([min(10), min(40)]);
    expect(await alerts).toHaveProperty('alerts');
  });
});
