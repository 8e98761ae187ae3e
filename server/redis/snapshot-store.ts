import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Redis } from 'ioredis';
import type { EngineSnapshot } from '../engine/snapshot';
import type { DoorTotals } from './door-counters';
import type { StreamId } from './stream-id';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** The engine state as of stream entry `streamId` (every entry up to it applied, none after). */
export interface StoredSnapshot {
  streamId: StreamId;
  /** the door totals folded into the snapshot's counters (see DoorCounters) */
  door: DoorTotals;
  instanceId: string;
  savedAt: number;
  snapshot: EngineSnapshot;
}

/**
 * Writes the record only when its stream id is newer than the stored one, so the key never goes
 * back in time: every process applies the same stream in the same order, so any process's
 * snapshot at id X is the fleet's state at X, and the newest one is the best start for anyone.
 */
const SAVE_IF_NEWER = `
local cur = redis.call('HGET', KEYS[1], 'streamId')
if cur then
  local cm, cs = string.match(cur, '^(%d+)-(%d+)$')
  local nm, ns = string.match(ARGV[1], '^(%d+)-(%d+)$')
  cm, cs, nm, ns = tonumber(cm), tonumber(cs), tonumber(nm), tonumber(ns)
  if cm > nm or (cm == nm and cs >= ns) then return 0 end
end
redis.call('HSET', KEYS[1], 'streamId', ARGV[1], 'instanceId', ARGV[2], 'savedAt', ARGV[3], 'door', ARGV[4], 'data', ARGV[5])
return 1
`;

/** The shared engine snapshot in one Redis hash, its state gzipped JSON. */
export class RedisSnapshotStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Resolves true when stored, false when a newer snapshot was already there. */
  async save(rec: Omit<StoredSnapshot, 'savedAt'>): Promise<boolean> {
    const data = await gzip(Buffer.from(JSON.stringify(rec.snapshot)), { level: 3 });
    const stored = await this.redis.eval(SAVE_IF_NEWER, 1, this.key, rec.streamId, rec.instanceId, String(Date.now()), JSON.stringify(rec.door), data);
    return stored === 1;
  }

  /** The newest snapshot, or null when none was written yet. One HGETALL: fields from one write. */
  async load(): Promise<StoredSnapshot | null> {
    const h = await this.redis.hgetallBuffer(this.key);
    if (!h.streamId || !h.data) return null;
    const door = JSON.parse(h.door?.toString() ?? '{}') as Partial<DoorTotals>;
    return {
      streamId: h.streamId.toString(),
      door: { rejected: door.rejected ?? 0, duplicates: door.duplicates ?? 0 },
      instanceId: h.instanceId?.toString() ?? '',
      savedAt: Number(h.savedAt?.toString() ?? 0),
      snapshot: JSON.parse((await gunzip(h.data)).toString()) as EngineSnapshot,
    };
  }

  /** Only the stream id of the newest snapshot (cheap; for trimming). */
  async streamId(): Promise<StreamId | null> {
    return this.redis.hget(this.key, 'streamId');
  }
}
