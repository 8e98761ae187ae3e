import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loc, offline, online, sec } from '../../support/events';
import { postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { collect, connectLive, connected, nextEvent, sleep, type LiveClient } from '../../support/sockets';

describe('live vehicles', () => {
  let api: ApiServer;
  const clients: LiveClient[] = [];
  const client = (auth?: Record<string, unknown>) => {
    const c = connectLive(api.url, auth);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    api = await startApiServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await api.close();
  });

  it('sends a full frame on connect with every online, located driver and no offline one', async () => {
    await postNdjson(api.url, [online('a', sec(0)), loc('a', sec(1), 41.15, -8.61), online('b', sec(0)), loc('b', sec(2), 41.16, -8.62), offline('b', sec(3)), online('c', sec(0))]);
    const c = client();
    const frame = await nextEvent(c, 'vehicles');
    expect(frame.full).toBe(true);
    expect(frame.removed).toEqual([]);
    expect(frame.upserts.map((v) => v.id)).toEqual(['a']);
    expect(frame.upserts[0]).toMatchObject({ id: 'a', lat: 41.15, lng: -8.61, status: 'idle', ts: sec(1) });
    expect(frame.ts).toBe(sec(3));
  });

  it('follows with deltas holding only the changed drivers, each with its location time', async () => {
    await postNdjson(api.url, [online('a', sec(0)), loc('a', sec(1), 41.15, -8.61), online('b', sec(0)), loc('b', sec(1), 41.16, -8.62)]);
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    await sleep(250); // let the ticks that carried the earlier changes pass
    const delta = nextEvent(c, 'vehicles', (f) => !f.full);
    await postNdjson(api.url, [loc('a', sec(11), 41.151, -8.611)]);
    const frame = await delta;
    expect(frame.upserts).toEqual([expect.objectContaining({ id: 'a', lat: 41.151, lng: -8.611, ts: sec(11) })]);
    expect(frame.removed).toEqual([]);
  });

  it('lists a driver that went offline in removed', async () => {
    await postNdjson(api.url, [online('a', sec(0)), loc('a', sec(1), 41.15, -8.61)]);
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    const delta = nextEvent(c, 'vehicles', (f) => f.removed.length > 0);
    await postNdjson(api.url, [offline('a', sec(5))]);
    expect((await delta).removed).toEqual(['a']);
  });

  it('sends at most 10 frames a second however fast events arrive', async () => {
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    const frames = collect(c, 'vehicles');
    const started = Date.now();
    let i = 0;
    while (Date.now() - started < 1500) {
      await postNdjson(api.url, [loc('a', sec(10 + i), 41.15 + i * 1e-5, -8.61)]);
      i++;
    }
    const elapsed = Date.now() - started;
    expect(i).toBeGreaterThan(30);
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.length).toBeLessThanOrEqual(Math.ceil((elapsed / 1000) * 10) + 1);
  });

  it('limits frames to the viewport and removes a driver that leaves it', async () => {
    await postNdjson(api.url, [online('in', sec(0)), loc('in', sec(1), 41.15, -8.61), online('out', sec(0)), loc('out', sec(1), 41.5, -8.0)]);
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    const boxed = nextEvent(c, 'vehicles', (f) => f.full);
    c.emit('viewport', [-8.7, 41.1, -8.5, 41.2]);
    expect((await boxed).upserts.map((v) => v.id)).toEqual(['in']);

    const outside = collect(c, 'vehicles');
    const left = nextEvent(c, 'vehicles', (f) => f.removed.includes('in'));
    await postNdjson(api.url, [loc('out', sec(5), 41.51, -8.01), loc('in', sec(6), 41.5, -8.0)]);
    await left;
    expect(outside.flatMap((f) => f.upserts.map((v) => v.id))).not.toContain('out');

    const all = nextEvent(c, 'vehicles', (f) => f.full);
    c.emit('viewport', null);
    expect((await all).upserts.map((v) => v.id).sort()).toEqual(['in', 'out']);
  });

  it('ignores a malformed viewport and keeps streaming', async () => {
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    c.emit('viewport', [1, 2, 3] as never);
    c.emit('viewport', [10, 50, 0, 40]);
    const delta = nextEvent(c, 'vehicles', (f) => !f.full);
    await postNdjson(api.url, [loc('a', sec(1), 41.15, -8.61)]);
    expect((await delta).upserts.map((v) => v.id)).toEqual(['a']);
  });

  it('gives a reconnecting client a fresh full frame with what it missed', async () => {
    await postNdjson(api.url, [loc('a', sec(1), 41.15, -8.61)]);
    const c = client();
    await nextEvent(c, 'vehicles', (f) => f.full);
    c.disconnect();
    await postNdjson(api.url, [loc('a', sec(9), 41.16, -8.6), loc('b', sec(9), 41.17, -8.6)]);
    const full = nextEvent(c, 'vehicles', (f) => f.full);
    c.connect();
    await connected(c);
    const frame = await full;
    expect(frame.upserts.map((v) => [v.id, v.lat]).sort()).toEqual([
      ['a', 41.16],
      ['b', 41.17],
    ]);
  });
});
