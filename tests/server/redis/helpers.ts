import type { FleetEvent } from '../../../lib/events';
import { drive, online, sec } from '../../support/events';
import { redisUrl } from '../../support/redis';
import type { Env } from '../../support/server';

/** The env of a server in the Redis mode on `prefix`, as instance `id`. */
export function redisEnv(prefix: string, id: string, url = redisUrl(), extra: Env = {}): Env {
  return { REDIS_URL: url, REDIS_PREFIX: prefix, INSTANCE_ID: id, ...extra };
}

/** Batch `b` of driver `<tag>-<b>`: online, then `fixes` locations one second apart. */
export function batchOf(tag: string, b: number, fixes = 10): FleetEvent[] {
  const id = `${tag}-${b}`;
  return [{ ...online(id, sec(b * 100)), id: `on-${id}` }, ...drive(id, sec(b * 100) + 1000, fixes, 1)];
}

/** The ts of the newest location of batch `b` (what /api/drivers shows for its driver). */
export const lastTs = (tag: string, b: number, fixes = 10): number => batchOf(tag, b, fixes).at(-1)!.ts;
