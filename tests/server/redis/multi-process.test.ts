import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriversBody, MetricsBody } from '../../../lib/api-types';
import type { ServerToClientEvents, VehiclesFrame } from '../../../lib/live-types';
import { loc, online, sec } from '../../support/events';
import { deleteKeys, eventually, redisClient, testPrefix } from '../../support/redis';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectIngested } from '../http/helpers';
import { redisEnv } from './helpers';

const servers: ApiServer[] = [];
const sockets: Socket[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of servers.splice(0)) await s.close();
  for (const p of prefixes.splice(0)) await deleteKeys(p);
});

/** Two server processes' worth of app (in this process) on one Redis and one prefix. */
async function pair(): Promise<[ApiServer, ApiServer, string]> {
  const prefix = testPrefix();
  prefixes.push(prefix);
  const a = await startApiServer(redisEnv(prefix, 'a'));
  servers.push(a);
  const b = await startApiServer(redisEnv(prefix, 'b'));
  servers.push(b);
  return [a, b, prefix];
}

const driverOn = (url: string, id: string) => async () => {
  const body = await getJson<DriversBody>(url, '/api/drivers');
  return body.drivers.find((d) => d.id === id);
};

describe('Redis mode: several processes share one fleet', () => {
  it('an event ingested on A reaches B: its read API and a live client connected to B', async () => {
    const [a, b] = await pair();
    const socket: Socket<ServerToClientEvents> = connect(b.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    const frames: VehiclesFrame[] = [];
    socket.on('vehicles', (f) => frames.push(f));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });

    const body = await expectIngested(await postNdjson(a.url, [online('x1', sec(0), 'Xu'), loc('x1', sec(5), 41.15, -8.61)]));
    expect(body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const onB = await eventually(driverOn(b.url, 'x1'), 2000, 'x1 on B');
    expect(onB).toMatchObject({ id: 'x1', name: 'Xu', lat: 41.15, lng: -8.61, ts: sec(5) });
    const upsert = await eventually(async () => frames.flatMap((f) => f.upserts).find((u) => u.id === 'x1'), 2000, 'a vehicles frame with x1');
    expect(upsert).toMatchObject({ lat: 41.15, lng: -8.61, ts: sec(5) });
    // and A reads its own write right after the 200
    expect(await driverOn(a.url, 'x1')()).toBeDefined();
  });

  it('applies events another producer XADDs to the stream; a bad entry is counted, not fatal', async () => {
    const [a, b, prefix] = await pair();
    const redis = redisClient();
    try {
      const stream = `${prefix}logistics:events`;
      await redis.xadd(stream, '*', 'event', '{not json');
      await redis.xadd(stream, '*', 'other', 'field');
      await redis.xadd(stream, '*', 'event', JSON.stringify({ type: 'location', driverId: 'bad', ts: sec(1), lat: 99, lng: 0 }));
      await redis.xadd(stream, '*', 'event', JSON.stringify(online('ext', sec(1), 'External')));
    } finally {
      redis.disconnect();
    }
    for (const s of [a, b]) {
      expect(await eventually(driverOn(s.url, 'ext'), 2000, 'ext')).toMatchObject({ name: 'External', status: 'idle' });
      const m = await getJson<MetricsBody>(s.url, '/api/metrics');
      expect(m.ingest.rejected).toBe(3);
      expect(m.ingest.accepted).toBe(1);
    }
  });

  it('shares the door counts (rejected, duplicates) with every process', async () => {
    const [a, b] = await pair();
    const ev = online('d1', sec(0));
    const first = await expectIngested(await postNdjson(a.url, [ev, ev, { type: 'driver', driverId: 'd1', ts: sec(1), status: 'away' }]));
    expect(first.accepted).toBe(1);
    expect(first.duplicates).toBe(1);
    expect(first.rejected).toHaveLength(1);
    const again = await expectIngested(await postNdjson(b.url, [ev]));
    expect(again).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    for (const s of [a, b]) {
      await eventually(async () => {
        const m = await getJson<MetricsBody>(s.url, '/api/metrics');
        return m.ingest.duplicates === 2 && m.ingest.rejected === 1 ? m : undefined;
      }, 3000, `door counts on ${s.url}`);
    }
  });

  it('makes each event visible on the other process well within the live budget', async () => {
    const [a, b] = await pair();
    const seenAt = new Map<string, number>();
    const ids: string[] = [];
    b.fleet.onApplied(() => {
      const now = performance.now();
      for (const id of ids) if (!seenAt.has(id) && b.fleet.engine.drivers.has(id)) seenAt.set(id, now);
    });
    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `lat-${i}`;
      ids.push(id);
      const sent = performance.now();
      await expectIngested(await postNdjson(a.url, [loc(id, sec(i), 41.15, -8.61)]));
      const at = await eventually(async () => seenAt.get(id), 2000, `${id} on B`);
      latencies.push(at - sent);
    }
    latencies.sort((x, y) => x - y);
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1];
    expect(p99).toBeLessThan(150);
  });
});
