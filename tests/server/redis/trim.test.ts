import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redisKeys, type RedisKeys } from '../../../server/redis/keys';
import { trimStream } from '../../../server/redis/stream-trim';
import { deleteKeys, redisClient, testPrefix } from '../../support/redis';

const DAY = 24 * 3_600_000;
let redis: Redis;
let prefix: string;
let keys: RedisKeys;
let ids: string[];

beforeEach(async () => {
  redis = redisClient();
  prefix = testPrefix();
  keys = redisKeys(prefix);
  ids = [];
  for (let i = 0; i < 100; i++) ids.push((await redis.xadd(keys.stream, '*', 'event', JSON.stringify({ i })))!);
});
afterEach(async () => {
  redis.disconnect();
  await deleteKeys(prefix);
});

/** Group `name` reads `n` entries and acknowledges the first `ack` of them. */
async function consume(group: string, n: number, ack = n): Promise<void> {
  const reply = (await redis.xreadgroup('GROUP', group, 'c', 'COUNT', n, 'STREAMS', keys.stream, '>')) as [string, [string, string[]][]][];
  const read = reply[0][1].map(([id]) => id);
  if (ack) await redis.xack(keys.stream, group, ...read.slice(0, ack));
}

/** An engine group of a live instance that has read and acknowledged everything. */
async function liveEngine(id: string): Promise<void> {
  await redis.set(keys.instance(id), '1', 'PX', 60_000);
  await redis.xgroup('CREATE', keys.stream, `engine:${id}`, '0');
  await consume(`engine:${id}`, 100);
}

const firstId = async () => (await redis.xrange(keys.stream, '-', '+', 'COUNT', 1))[0][0];

describe('Redis stream retention', () => {
  it('trims nothing before a snapshot exists', async () => {
    await liveEngine('a');
    expect(await trimStream(redis, keys, { staleMs: DAY })).toEqual({ minId: null, trimmed: 0, ignored: [] });
    expect(await redis.xlen(keys.stream)).toBe(100);
  });

  it('never trims entries a group has not been delivered yet, nor its pending ones', async () => {
    await liveEngine('a');
    await redis.hset(keys.snapshot, 'streamId', ids[99]);
    await redis.xgroup('CREATE', keys.stream, 'analytics', '0'); // has read nothing
    await trimStream(redis, keys, { staleMs: DAY });
    expect(await redis.xlen(keys.stream)).toBe(100);

    await consume('analytics', 60, 30); // 30 acknowledged, 30 pending from ids[30]
    const r = await trimStream(redis, keys, { staleMs: DAY });
    expect(r).toMatchObject({ minId: ids[30], trimmed: 30 });
    expect(await firstId()).toBe(ids[30]);
  });

  it('keeps everything after the newest snapshot, and trims up to the slowest live group otherwise', async () => {
    await liveEngine('a');
    await liveEngine('b');
    await redis.hset(keys.snapshot, 'streamId', ids[50]);
    expect(await trimStream(redis, keys, { staleMs: DAY })).toMatchObject({ minId: ids[50], trimmed: 50 });
    expect(await firstId()).toBe(ids[50]);
  });

  it('lets go of groups whose process is gone: engine groups without a live instance are destroyed', async () => {
    await liveEngine('a');
    await redis.xgroup('CREATE', keys.stream, 'engine:gone', '0'); // no instance key: crashed long ago
    await redis.hset(keys.snapshot, 'streamId', ids[80]);
    const r = await trimStream(redis, keys, { staleMs: DAY });
    expect(r).toMatchObject({ minId: ids[80], trimmed: 80, ignored: ['engine:gone'] });
    const groups = (await redis.xinfo('GROUPS', keys.stream)) as unknown[][];
    expect(groups.map((g) => g[1])).toEqual(['engine:a']);
  });

  it('ignores other groups only once all their consumers have been idle for the stale time', async () => {
    await liveEngine('a');
    await redis.hset(keys.snapshot, 'streamId', ids[99]);
    await redis.xgroup('CREATE', keys.stream, 'analytics', '0');
    await consume('analytics', 10);
    await new Promise((r) => setTimeout(r, 30));
    expect(await trimStream(redis, keys, { staleMs: DAY })).toMatchObject({ minId: ids[9], trimmed: 9 });
    expect(await trimStream(redis, keys, { staleMs: 10 })).toMatchObject({ minId: ids[99], ignored: ['analytics'] });
    expect(await firstId()).toBe(ids[99]);
  });
});
