import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EtaAccuracyBody } from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import type { EtaFrame, ReplayClientToServerEvents, ReplayClock, ReplayServerToClientEvents } from '../../../lib/live-types';
import { assigned, created, delivered, drive, loc, min, online, pickedUp, sec } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { collect, connectLive, nextEvent, sleep, type LiveClient } from '../../support/sockets';

type ReplayClient = Socket<ReplayServerToClientEvents, ReplayClientToServerEvents>;

/** Two hours of one driver, with orders created at minutes 10, 40 and 70, each picked up 5 and delivered 15 minutes later. */
function dayEvents(): FleetEvent[] {
  const events: FleetEvent[] = [online('a', min(0), 'Ana'), ...drive('a', min(0) + 1000, 720)];
  for (const m of [10, 40, 70]) {
    events.push(created(`o${m}`, min(m)), assigned(`o${m}`, min(m) + 1000, 'a'), pickedUp(`o${m}`, min(m + 5)), delivered(`o${m}`, min(m + 15)));
  }
  return events.sort((x, y) => x.ts - y.ts);
}

describe('the eta frame', () => {
  let api: ApiServer;
  const clients: (LiveClient | ReplayClient)[] = [];
  beforeAll(async () => {
    api = await startApiServer();
    await postNdjson(api.url, [
      online('d1', sec(0), 'Ana'),
      loc('d1', sec(1), 41.15, -8.61),
      created('o1', sec(2)),
      assigned('o1', sec(3), 'd1'),
      // a trip delivered, then the clock moved on past the lateness so its at-pickup ETA is scored
      online('d2', sec(0), 'Bo'),
      loc('d2', sec(10), 41.15, -8.61),
      created('t1', sec(5)),
      assigned('t1', sec(6), 'd2'),
      pickedUp('t1', sec(10)),
      loc('d2', sec(300), 41.16, -8.6),
      delivered('t1', sec(300)),
      loc('d1', sec(600), 41.151, -8.61),
    ]);
    await api.app.days.addImported('two-hours', 'two hours', 'x.ndjson', dayEvents(), () => 0);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await api.close();
  });

  it('live: arrives on connect and about once a second, open orders without an actual arrival, the accuracy of GET /api/eta-accuracy', async () => {
    const c = connectLive(api.url);
    clients.push(c);
    const frames = collect(c, 'eta');
    const first = await nextEvent(c, 'eta');
    expect(first.open).toEqual([expect.objectContaining({ orderId: 'o1', driverId: 'd1', stop: 'pickup', updatedTs: sec(600), actualTs: null, cancelledTs: null })]);
    expect(first.open[0].etaTs).toBeGreaterThan(sec(600));
    expect(first.delivered).toEqual([expect.objectContaining({ orderId: 't1', driverId: 'd2', pickedUpTs: sec(10), deliveredTs: sec(300) })]);
    expect(first.delivered[0].etaAtPickupTs).toBeGreaterThan(sec(10));
    expect(first.accuracy).toEqual(await getJson<EtaAccuracyBody>(api.url, '/api/eta-accuracy'));
    expect(first.accuracy.overall.samples).toBe(1);
    await sleep(2300);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.length).toBeLessThanOrEqual(5);
    expect(frames.every((f) => f.open.every((r) => r.actualTs === null))).toBe(true);
  });

  it('replay: an open order carries its recorded arrival at its next stop', async () => {
    const c: ReplayClient = io(`${api.url}/replay`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { day: 'two-hours' } });
    clients.push(c);
    await new Promise((r) => c.once('clock', r));
    const seekTo = async (ts: number, pred: (f: EtaFrame) => boolean) => {
      const frame = new Promise<EtaFrame>((resolve) => c.on('eta', (f) => pred(f) && resolve(f)));
      const clock = await new Promise<ReplayClock>((resolve) => c.emit('replay:seek', ts, resolve as never));
      expect(clock.ts).toBe(ts);
      return frame;
    };
    // 43:00: o40 is assigned, on its way to the pickup, which the day records at 45:00.
    const before = await seekTo(min(43), (f) => f.open.some((r) => r.orderId === 'o40'));
    expect(before.open).toEqual([expect.objectContaining({ orderId: 'o40', driverId: 'a', stop: 'pickup', actualTs: min(45), cancelledTs: null })]);
    expect(before.open[0].etaTs).not.toBeNull();
    expect(before.delivered.map((r) => [r.orderId, r.deliveredTs])).toEqual([['o10', min(25)]]);
    // 50:00: picked up; the actual arrival is now the recorded delivery at 55:00.
    const after = await seekTo(min(50), (f) => f.open.some((r) => r.orderId === 'o40' && r.stop === 'dropoff'));
    expect(after.open).toEqual([expect.objectContaining({ orderId: 'o40', stop: 'dropoff', actualTs: min(55) })]);
  });
});
