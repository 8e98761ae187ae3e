import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriversBody, MetricsBody } from '../../../lib/api-types';
import type { FleetEvent } from '../../../lib/events';
import { compareStreamIds } from '../../../server/redis/stream-id';
import { assigned, created, delivered, drive, min, online, pickedUp } from '../../support/events';
import { deleteKeys, eventually, redisClient, testPrefix } from '../../support/redis';
import { getJson, postNdjson, spawnApiServer, startApiServer, type ApiServer, type ChildApiServer, type Env } from '../../support/server';
import { expectIngested } from '../http/helpers';
import { batchOf, lastTs, redisEnv } from './helpers';

const children: ChildApiServer[] = [];
const servers: ApiServer[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    await c.kill('SIGKILL');
    fs.rmSync(c.dataDir, { recursive: true, force: true });
  }
  for (const s of servers.splice(0)) await s.close();
  for (const p of prefixes.splice(0)) await deleteKeys(p);
});

async function spawn(env: Env): Promise<ChildApiServer> {
  const c = await spawnApiServer(env);
  children.push(c);
  return c;
}

function freshPrefix(): string {
  const p = testPrefix();
  prefixes.push(p);
  return p;
}

describe('Redis mode: a process killed (SIGKILL) during ingest', () => {
  it('loses no acknowledged event: the survivor holds every one', async () => {
    const prefix = freshPrefix();
    const a = await spawn(redisEnv(prefix, 'a'));
    const b = await spawn(redisEnv(prefix, 'b'));
    const acked: number[] = [];
    let killed: Promise<unknown> | null = null;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, async (_, n) => {
        // four producers in a row each, so the kill finds requests in flight
        await new Promise((r) => setTimeout(r, Math.floor(n / 4) * 5));
        const res = await postNdjson(a.url, batchOf('k', n));
        if (res.status === 200) acked.push(n);
        await expectIngested(res);
        if (acked.length === 12) killed = a.kill('SIGKILL');
      }),
    );
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(12);
    for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/fetch failed|terminated|ECONNRESET|other side closed/);

    const want = new Map(acked.map((n) => [`k-${n}`, lastTs('k', n)]));
    const drivers = await eventually(async () => {
      const body = await getJson<DriversBody>(b.url, '/api/drivers');
      const ts = new Map(body.drivers.map((d) => [d.id, d.ts]));
      return [...want].every(([id, t]) => ts.get(id) === t) ? ts : undefined;
    }, 3000, 'every acknowledged batch on the survivor');
    expect(drivers.size).toBeGreaterThanOrEqual(want.size);
  });
});

/** Two halves of a short day with something of every kind: duplicates, rejects, a late fix, a dead letter. */
function halves(): [unknown[], unknown[]] {
  const byTs = (events: FleetEvent[]) => events.sort((x, y) => x.ts - y.ts);
  const first: unknown[] = byTs([
    online('a', min(0), 'Ana'),
    online('b', min(0), 'Bo'),
    ...drive('a', min(0), 37, 10),
    ...drive('b', min(0), 37, 10, 20, 41.16),
    created('o1', min(1), { promisedTs: min(20) }),
    assigned('o1', min(2), 'a'),
    pickedUp('o1', min(4)),
    created('o2', min(3)),
    pickedUp('ghost', min(5)),
  ]);
  first.push({ type: 'location', driverId: 'a', ts: min(5), lat: 123, lng: 0 });
  const second: unknown[] = byTs([
    online('a', min(0), 'Ana'), // a retry: a duplicate at the door
    drive('b', min(2) + 5_000, 1, 10, 20, 41.16)[0], // late
    ...drive('a', min(6) + 10_000, 36, 10),
    ...drive('b', min(6) + 10_000, 36, 10, 20, 41.16),
    delivered('o1', min(9)),
    assigned('o2', min(10), 'b'),
  ]);
  second.push({ type: 'order', orderId: 'o3', ts: min(11), status: 'created' });
  return [first, second];
}

const VIEWS = ['/api/drivers', '/api/metrics', '/api/drivers/a', '/api/drivers/b', '/api/orders/o1', '/api/dead-letters', '/api/zones'];

async function views(url: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const v of VIEWS) out[v] = await getJson(url, v);
  return out;
}

describe('Redis mode: restart recovery', () => {
  it('rebuilds from the snapshot in Redis plus the stream after it: the same state as a run without the crash', async () => {
    const [first, second] = halves();
    const reference = await startApiServer(redisEnv(freshPrefix(), 'ref'));
    servers.push(reference);
    await expectIngested(await postNdjson(reference.url, first));
    await expectIngested(await postNdjson(reference.url, second));
    const expected = await views(reference.url);
    expect((expected['/api/metrics'] as MetricsBody).ingest).toMatchObject({ duplicates: 1, rejected: 2, deadLetters: 1, late: 1 });

    const prefix = freshPrefix();
    const env = redisEnv(prefix, 'r', undefined, { SNAPSHOT_EVERY_EVENTS: '40' });
    const a = await spawn(env);
    await expectIngested(await postNdjson(a.url, first.slice(0, 60)));
    const redis = redisClient();
    try {
      // the snapshot is written after the 200; wait for it, then add events it does not hold
      const snapshotId = await eventually(async () => (await redis.hget(`${prefix}logistics:snapshot`, 'streamId')) ?? undefined, 3000, 'a snapshot');
      await expectIngested(await postNdjson(a.url, first.slice(60)));
      await a.kill('SIGKILL');
      const [last] = (await redis.xrevrange(`${prefix}logistics:events`, '+', '-', 'COUNT', 1))[0];
      expect(compareStreamIds(snapshotId, last)).toBeLessThan(0);
    } finally {
      redis.disconnect();
    }

    const restarted = await spawn(env);
    await expectIngested(await postNdjson(restarted.url, second));
    const actual = await views(restarted.url);
    for (const v of VIEWS) expect(actual[v], v).toEqual(expected[v]);
  });
});
