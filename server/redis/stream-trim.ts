import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { ENGINE_GROUP_PREFIX, type RedisKeys } from './keys';
import { minStreamId, type StreamId } from './stream-id';

export interface TrimOptions {
  /** a group whose process is gone for this long no longer holds entries back */
  staleMs: number;
  logger?: Logger;
}

export interface TrimResult {
  /** entries before this id were trimmed (null: nothing may be trimmed yet) */
  minId: StreamId | null;
  trimmed: number;
  /** groups that no longer hold entries back (engine groups among them were destroyed) */
  ignored: string[];
}

/** Flat [key, value, key, value, ...] replies (XINFO) as an object. */
export function xinfoFields(flat: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) o[String(flat[i])] = flat[i + 1];
  return o;
}

/**
 * One pass of the retention policy (docs/scaling.md, "Redis stream retention"): trims the entries
 * that nobody needs any more, that is every entry before the smallest of
 * - the stream id of the newest snapshot (a restarting process restores it and reads on from it);
 * - for each live consumer group, its oldest pending entry or else its last delivered one.
 * A group is not live when it is an engine group whose instance key expired (its process is gone
 * for `staleMs`: the group is destroyed), or another group whose consumers have all been idle
 * for `staleMs`. A group without consumers (created, never read) is live: it holds everything.
 */
export async function trimStream(redis: Redis, keys: RedisKeys, opts: TrimOptions): Promise<TrimResult> {
  let minId = await redis.hget(keys.snapshot, 'streamId');
  const ignored: string[] = [];
  if (minId === null) return { minId: null, trimmed: 0, ignored };
  const groups = ((await redis.call('XINFO', 'GROUPS', keys.stream)) as unknown[][]).map(xinfoFields);
  for (const g of groups) {
    const name = String(g.name);
    if (!(await isLive(redis, keys, name, Number(g.consumers), opts.staleMs))) {
      if (name.startsWith(ENGINE_GROUP_PREFIX)) await redis.xgroup('DESTROY', keys.stream, name);
      ignored.push(name);
      continue;
    }
    minId = minStreamId(minId, String(g['last-delivered-id']));
    if (Number(g.pending) > 0) {
      const summary = (await redis.xpending(keys.stream, name)) as [number, string | null, string | null, unknown];
      if (summary[1]) minId = minStreamId(minId, summary[1]);
    }
  }
  const trimmed = await redis.xtrim(keys.stream, 'MINID', minId);
  if (trimmed > 0 || ignored.length) opts.logger?.info({ minId, trimmed, ignored }, 'event stream trimmed');
  return { minId, trimmed, ignored };
}

async function isLive(redis: Redis, keys: RedisKeys, group: string, consumers: number, staleMs: number): Promise<boolean> {
  if (group.startsWith(ENGINE_GROUP_PREFIX)) {
    return (await redis.exists(keys.instance(group.slice(ENGINE_GROUP_PREFIX.length)))) === 1;
  }
  if (consumers === 0) return true;
  const list = ((await redis.call('XINFO', 'CONSUMERS', keys.stream, group)) as unknown[][]).map(xinfoFields);
  return list.some((c) => Number(c.idle) < staleMs);
}
