/**
 * Every Redis key and name the Redis mode uses, all behind REDIS_PREFIX (contract section 2: the
 * event log is `${REDIS_PREFIX}logistics:events`).
 */
export const ENGINE_GROUP_PREFIX = 'engine:';

export interface RedisKeys {
  /** the event log: one entry per event, field `event` = the event's JSON */
  stream: string;
  /** the newest engine snapshot (a hash: streamId, door, instanceId, savedAt, data) */
  snapshot: string;
  /** totals of events refused or found duplicate at the door of any process (a hash) */
  doorCounters: string;
  /** this instance is alive (a key with a TTL, refreshed while the process runs) */
  instance(instanceId: string): string;
  /** the Socket.IO streams adapter's stream, PUB/SUB channel prefix and session key prefix */
  socketStream: string;
  socketChannel: string;
  socketSession: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    stream: `${prefix}logistics:events`,
    snapshot: `${prefix}logistics:snapshot`,
    doorCounters: `${prefix}logistics:door-counters`,
    instance: (id) => `${prefix}logistics:instance:${id}`,
    socketStream: `${prefix}socket.io`,
    socketChannel: `${prefix}socket.io`,
    socketSession: `${prefix}sio:session:`,
  };
}

/** The consumer group of one process instance: every instance reads the whole stream. */
export function engineGroup(instanceId: string): string {
  return `${ENGINE_GROUP_PREFIX}${instanceId}`;
}
