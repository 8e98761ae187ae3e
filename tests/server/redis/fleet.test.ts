import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { redisKeys } from '../../../server/redis/keys';
import { RedisFleet, type RedisFleetOptions } from '../../../server/redis/redis-fleet';
import { deleteKeys, eventually, freePort, redisClient, redisUrl, testPrefix } from '../../support/redis';
import { batchOf } from './helpers';

const fleets: RedisFleet[] = [];
const clients: Redis[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const f of fleets.splice(0)) await f.close();
  for (const c of clients.splice(0)) c.disconnect();
  for (const p of prefixes.splice(0)) await deleteKeys(p);
});

async function open(opts: Partial<RedisFleetOptions> = {}): Promise<{ fleet: RedisFleet; redis: Redis; keys: ReturnType<typeof redisKeys> }> {
  const prefix = testPrefix();
  prefixes.push(prefix);
  const fleet = await RedisFleet.open({ url: redisUrl(), prefix, instanceId: 'f', ...opts });
  fleets.push(fleet);
  const redis = redisClient();
  clients.push(redis);
  return { fleet, redis, keys: redisKeys(prefix) };
}

const ingest = (fleet: RedisFleet, events: unknown[]) => fleet.ingest(fleet.check(events));

describe('RedisFleet', () => {
  it('trims the stream behind its snapshots while running, never past a group that lags', async () => {
    const { fleet, redis, keys } = await open({ snapshotEveryEvents: 20, trimEveryMs: 50 });
    await redis.xgroup('CREATE', keys.stream, 'slow', '$');
    for (let b = 0; b < 3; b++) await ingest(fleet, batchOf('t', b));
    await fleet.snapshot(); // (one was taken after 20 events already)
    expect(await redis.hget(keys.snapshot, 'streamId')).toBe(fleet.health().lastApplied);
    await new Promise((r) => setTimeout(r, 200));
    expect(await redis.xlen(keys.stream)).toBe(33); // 'slow' has read nothing

    await redis.xgroup('DESTROY', keys.stream, 'slow');
    await eventually(async () => ((await redis.xlen(keys.stream)) <= 1 ? true : undefined), 2000, 'the stream trimmed');
    expect(fleet.engine.drivers.size).toBe(3);
  });

  it('rejoins by itself when its consumer group disappears, and goes on applying', async () => {
    const { fleet, redis, keys } = await open();
    await ingest(fleet, batchOf('g', 0));
    await redis.xgroup('DESTROY', keys.stream, 'engine:f');
    await redis.xadd(keys.stream, '*', 'event', JSON.stringify(batchOf('g', 1)[0]));
    await eventually(async () => (fleet.engine.drivers.has('g-1') ? true : undefined), 3000, 'g-1 applied after the rejoin');
    expect(fleet.engine.counters.accepted).toBe(12);
  });

  it('reports its health: the last applied entry and the lag', async () => {
    const { fleet, redis, keys } = await open();
    const r = await ingest(fleet, batchOf('h', 0));
    expect(r).toEqual({ accepted: 11, duplicates: 0, rejected: [] });
    const [last] = (await redis.xrevrange(keys.stream, '+', '-', 'COUNT', 1))[0];
    expect(fleet.health()).toEqual({ kind: 'redis', writable: true, lastApplied: last, lagEvents: 0 });
  });

  it('answers a known event anywhere in a batch as a duplicate, and adds it to the stream no more', async () => {
    const { fleet, redis, keys } = await open();
    const [first, ...rest] = batchOf('m', 0);
    await ingest(fleet, [first]);
    await eventually(async () => (fleet.engine.counters.accepted === 1 ? true : undefined), 2000, 'the first event applied');
    // The known event between new ones: first and last are new.
    const r = await ingest(fleet, [rest[0], first, ...rest.slice(1)]);
    expect(r).toEqual({ accepted: rest.length, duplicates: 1, rejected: [] });
    expect(await redis.xlen(keys.stream)).toBe(1 + rest.length);
  });

  it('leaves nothing holding the stream back after a clean close', async () => {
    const { fleet, redis, keys } = await open();
    await ingest(fleet, batchOf('c', 0));
    await fleet.snapshot();
    await fleets.splice(0)[0].close();
    expect(await redis.xinfo('GROUPS', keys.stream)).toEqual([]);
    expect(await redis.exists(keys.instance('f'))).toBe(0);
    expect(await redis.hget(keys.snapshot, 'streamId')).toBe(fleet.health().lastApplied);
  });

  it('refuses to start, saying why, when Redis does not answer', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(RedisFleet.open({ url, prefix: testPrefix(), instanceId: 'x' })).rejects.toThrow(/REDIS_URL: Redis does not answer/);
  });
});
