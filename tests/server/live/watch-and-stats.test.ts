import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assigned, created, loc, online, sec } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { collect, connected, connectLive, nextEvent, sleep, type LiveClient } from '../../support/sockets';

describe('live metrics, zones and watched drivers', () => {
  let api: ApiServer;
  const clients: LiveClient[] = [];
  const client = () => {
    const c = connectLive(api.url);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    api = await startApiServer();
    await postNdjson(api.url, [online('d1', sec(0), 'Ana'), loc('d1', sec(1), 41.15, -8.61), created('o1', sec(2)), assigned('o1', sec(3), 'd1')]);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await api.close();
  });

  it('sends metrics and zones about once a second, with the bodies of the read API', async () => {
    const c = client();
    const metrics = collect(c, 'metrics');
    const zones = collect(c, 'zones');
    await sleep(2300);
    expect(metrics.length).toBeGreaterThanOrEqual(2);
    expect(metrics.length).toBeLessThanOrEqual(4);
    expect(zones.length).toBeGreaterThanOrEqual(2);
    expect(metrics.at(-1)).toEqual(await getJson(api.url, '/api/metrics'));
    expect(zones.at(-1)).toEqual(await getJson(api.url, '/api/zones'));
  });

  it('sends the detail of a watched driver at once and again when it changes', async () => {
    const c = client();
    const first = nextEvent(c, 'driver');
    c.emit('driver:watch', 'd1');
    const detail = await first;
    expect(detail).toEqual(await getJson(api.url, '/api/drivers/d1'));
    expect(detail.orderId).toBe('o1');

    const moved = nextEvent(c, 'driver', (d) => d.ts === sec(20));
    await postNdjson(api.url, [loc('d1', sec(20), 41.152, -8.612)]);
    const after = await moved;
    expect(after.trail.at(-1)).toEqual([sec(20), 41.152, -8.612]);
  });

  it("answers names:get with each driver's name, null for one without, and ignores what is not an id", async () => {
    const c = client();
    await connected(c);
    await postNdjson(api.url, [loc('d2', sec(5), 41.1, -8.6)]);
    const ask = (ids: unknown) => new Promise<[string, string | null][]>((resolve) => c.emit('names:get', ids as string[], resolve));
    expect(await ask(['d1', 'd2', 'nobody', 'not an id', 7])).toEqual([
      ['d1', 'Ana'],
      ['d2', null],
      ['nobody', null],
    ]);
    expect(await ask('d1')).toEqual([]);
    // At most 200 ids an ask.
    expect(await ask(Array.from({ length: 250 }, (_, i) => `x${i}`))).toHaveLength(200);
  });

  it('stops sending a driver once unwatched, and never sends unwatched ones', async () => {
    const c = client();
    await sleep(250); // let the ticks that carried the set-up's changes pass
    const details = collect(c, 'driver');
    c.emit('driver:watch', 'd1');
    await sleep(200);
    c.emit('driver:unwatch', 'd1');
    await sleep(200);
    const before = details.length;
    await postNdjson(api.url, [loc('d1', sec(30), 41.16, -8.6), online('d2', sec(30)), loc('d2', sec(31), 41.1, -8.6)]);
    await sleep(400);
    expect(before).toBe(1);
    expect(details.length).toBe(before);
  });
});
