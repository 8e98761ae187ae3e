import type { ChainableCommander, Redis } from 'ioredis';
import type { IngestResult } from '../../lib/api-types';
import { validateEvent } from '../../lib/validate';
import type { EngineConfig } from '../engine/config';
import type { EtaModel } from '../engine/eta';
import { Engine } from '../engine/engine';
import { restoreEngine, snapshotEngine } from '../engine/snapshot';
import type { LiveFleet, LogHealth } from '../fleet-types';
import { admitBatch, checkBatch, type CheckedBatch, type RequestText, type ValidatedBatch } from '../ingest/pipeline';
import { LogUnavailableError } from '../log/segment-log';
import type { Logger } from '../logger';
import { AppliedWaiters } from './applied-waiters';
import { dropRepeats } from './batch-dedup';
import { failFastClient, logConnectionState } from './clients';
import { DoorCounters, type DoorTotals } from './door-counters';
import { engineGroup, redisKeys, type RedisKeys } from './keys';
import { RedisSnapshotStore } from './snapshot-store';
import { createSocketAdapter, type SocketAdapter } from './socket-adapter';
import { compareStreamIds, ZERO_ID, type StreamId } from './stream-id';
import { StreamReader, type StreamEntry } from './stream-reader';
import { trimStream, xinfoFields } from './stream-trim';

export interface RedisFleetOptions {
  url: string;
  prefix: string;
  /** names this process's consumer group (`engine:<instanceId>`) and liveness key */
  instanceId: string;
  engine?: Partial<EngineConfig>;
  /** the engine's ETA model (default: the straight line) */
  eta?: EtaModel;
  snapshotEveryEvents?: number;
  snapshotEveryMs?: number;
  /** how often the stream is trimmed and the liveness key refreshed */
  trimEveryMs?: number;
  /** an engine group whose process has not refreshed its liveness key for this long is dropped */
  instanceTtlMs?: number;
  /** another consumer group whose consumers have all been idle this long no longer holds entries */
  staleGroupMs?: number;
  /** entries read (and held in memory) at once */
  readCount?: number;
  /** how long an ingest waits for this process to apply what it wrote (reads after the 200 see it) */
  applyWaitMs?: number;
  logger?: Logger;
  onRecoverProgress?: (done: number) => void;
}

const MINUTE = 60_000;

/**
 * The live fleet of the Redis mode. The event log is the stream `${prefix}logistics:events`; every
 * process keeps the whole fleet in its own engine and reads the whole stream through a consumer
 * group of its own, so all of them apply the same events in the same order. `ingest` only XADDs
 * (the 200 waits for Redis's reply); events reach the engine through the reader, whoever wrote them.
 */
export class RedisFleet implements LiveFleet {
  engine: Engine;
  private lastApplied: StreamId | null;
  private snapshotId: StreamId | null;
  private appliedSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  private snapshotting: Promise<void> | null = null;
  private lastCallOk = true;
  private lag = 0;
  private rejectedLogged = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly listeners: ((events: number) => void)[] = [];
  private readonly waiters = new AppliedWaiters(() => this.lastApplied);
  private readonly door: DoorCounters;
  private readonly reader: StreamReader;
  private readonly group: string;
  private socket: SocketAdapter | null = null;

  private constructor(
    private readonly o: RedisFleetOptions,
    private readonly keys: RedisKeys,
    private readonly cmd: Redis,
    reading: Redis,
    private readonly store: RedisSnapshotStore,
  ) {
    this.engine = new Engine(o.engine, o.eta);
    this.lastApplied = null;
    this.snapshotId = null;
    this.door = new DoorCounters(keys.doorCounters);
    this.group = engineGroup(o.instanceId);
    this.reader = new StreamReader({
      client: reading,
      stream: keys.stream,
      group: this.group,
      consumer: o.instanceId,
      count: o.readCount ?? 1000,
      blockMs: 2000,
      logger: o.logger,
      apply: (entries) => this.apply(entries),
      recreateGroup: () => this.rejoin(),
    });
  }

  static async open(o: RedisFleetOptions): Promise<RedisFleet> {
    const cmd = failFastClient(o.url, `fleetpulse:${o.instanceId}`, 3000);
    const reading = failFastClient(o.url, `fleetpulse:${o.instanceId}:reader`, 10_000);
    logConnectionState(cmd, 'fleet', o.logger);
    logConnectionState(reading, 'stream reader', o.logger);
    try {
      await Promise.all([cmd.connect(), reading.connect()]);
    } catch (err) {
      cmd.disconnect();
      reading.disconnect();
      throw new Error(`REDIS_URL: Redis does not answer (${(err as Error).message})`, { cause: err });
    }
    const keys = redisKeys(o.prefix);
    const fleet = new RedisFleet(o, keys, cmd, reading, new RedisSnapshotStore(cmd, keys.snapshot));
    try {
      const started = Date.now();
      // A start always begins at the newest snapshot: whatever this process had applied after it
      // was lost with its memory, so the group re-reads from there and its old pending list goes.
      await fleet.joinFromSnapshot();
      await cmd.xgroup('DELCONSUMER', keys.stream, fleet.group, o.instanceId);
      let report = 100_000;
      const replayed = await fleet.reader.catchUp((n) => {
        if (n < report) return;
        o.onRecoverProgress?.(n);
        report = n + 100_000;
      });
      await fleet.door.sync(cmd, fleet.engine);
      fleet.engine.drainChanged();
      o.logger?.info(
        { snapshotId: fleet.snapshotId, replayed, lastApplied: fleet.lastApplied, ms: Date.now() - started, group: fleet.group },
        'state rebuilt from the Redis snapshot and stream',
      );
    } catch (err) {
      cmd.disconnect();
      reading.disconnect();
      throw err;
    }
    fleet.startTimers();
    fleet.reader.start();
    return fleet;
  }

  check(raw: readonly unknown[]): CheckedBatch {
    return checkBatch(this.engine, raw, 'every');
  }

  // The answer is given before this process applies the batch: the door must find every known event.
  admit(validated: ValidatedBatch, text?: RequestText): CheckedBatch {
    return admitBatch(this.engine, validated, text, 'every');
  }

  /** XADDs the good events (one MULTI) and answers once Redis has acknowledged them all. */
  async ingest(batch: CheckedBatch): Promise<IngestResult> {
    const { events, repeats } = dropRepeats(batch.good);
    const door: DoorTotals = { rejected: batch.rejected.length, duplicates: batch.knownDuplicates + repeats };
    const result: IngestResult = { accepted: events.length, duplicates: door.duplicates, rejected: batch.rejected };
    if (!events.length) {
      await this.countDoor(door);
      return result;
    }
    const multi = this.cmd.multi();
    for (const ev of events) multi.xadd(this.keys.stream, '*', 'event', JSON.stringify(ev));
    const counted = this.door.queue(multi, door);
    const replies = await this.exec(multi, 'the event stream did not take the batch');
    this.door.fold(this.engine, Object.fromEntries(counted.map((f, i) => [f, Number(replies[events.length + i])])));
    await this.waiters.wait(String(replies[events.length - 1]), this.o.applyWaitMs ?? 1000);
    return result;
  }

  health(): LogHealth {
    return { kind: 'redis', writable: this.cmd.status === 'ready' && this.lastCallOk, lastApplied: this.lastApplied ?? '', lagEvents: this.lag };
  }

  onApplied(listener: (events: number) => void): void {
    this.listeners.push(listener);
  }

  /** The Socket.IO adapter sharing rooms across processes; closed with the fleet. */
  socketAdapter(): SocketAdapter['adapter'] {
    this.socket ??= createSocketAdapter(this.o.url, this.keys, this.o.logger);
    return this.socket.adapter;
  }

  /** Stores the engine state as of the last applied entry, unless a newer snapshot is stored. */
  async snapshot(): Promise<void> {
    // one at a time; a caller arriving during one gets its own, of everything applied by then
    while (this.snapshotting) await this.snapshotting;
    const streamId = this.lastApplied;
    if (streamId === null || streamId === this.snapshotId) return;
    const snapshot = snapshotEngine(this.engine);
    const door = { ...this.door.folded };
    const applied = this.appliedSinceSnapshot;
    this.snapshotting = (async () => {
      try {
        const stored = await this.store.save({ streamId, door, instanceId: this.o.instanceId, snapshot });
        this.snapshotId = streamId;
        this.lastSnapshotAt = Date.now();
        this.appliedSinceSnapshot -= applied;
        this.o.logger?.info({ streamId, stored }, stored ? 'snapshot written to redis' : 'a newer snapshot is in redis already');
      } catch (err) {
        this.o.logger?.error({ err }, 'snapshot to redis failed; will retry');
      } finally {
        this.snapshotting = null;
      }
    })();
    return this.snapshotting;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.reader.stop();
    this.waiters.releaseAll();
    if (this.snapshotting) await this.snapshotting;
    // A clean stop leaves nothing holding the stream back: the next start goes by the snapshot.
    if (this.cmd.status === 'ready') {
      await Promise.all([this.cmd.xgroup('DESTROY', this.keys.stream, this.group), this.cmd.del(this.keys.instance(this.o.instanceId))]).catch(
        (err: Error) => this.o.logger?.warn({ err: err.message }, 'could not remove the consumer group'),
      );
    }
    this.socket?.close();
    this.cmd.disconnect();
  }

  // ---------------------------------------------------------------- reading

  private apply(entries: StreamEntry[]): void {
    let applied = 0;
    for (const [id, fields] of entries) {
      // After a lost reply the group re-delivers its pending entries: skip what is applied.
      if (this.lastApplied !== null && compareStreamIds(id, this.lastApplied) <= 0) continue;
      this.lastApplied = id;
      applied++;
      if (fields) this.applyEntry(id, fields);
    }
    if (!applied || this.lastApplied === null) return;
    this.appliedSinceSnapshot += applied;
    this.waiters.notify(this.lastApplied);
    for (const l of this.listeners) l(applied);
    if (!this.snapshotting && this.appliedSinceSnapshot >= (this.o.snapshotEveryEvents ?? 500_000)) void this.snapshot();
  }

  /** One entry from any producer: checked again like at the door; a bad one is counted, never fatal. */
  private applyEntry(id: string, fields: string[]): void {
    let raw: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'event') raw = fields[i + 1];
    let error: string;
    if (raw === undefined) error = 'event: the entry has no field "event"';
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      const r = parsed === undefined ? null : validateEvent(parsed);
      if (r?.ok) {
        this.engine.ingest(r.event);
        return;
      }
      error = r ? r.error : 'event: not valid JSON';
    }
    this.engine.countRejected(1);
    // Logged, but not a line per entry when a producer floods the stream with bad ones.
    if (++this.rejectedLogged <= 20 || this.rejectedLogged % 1000 === 0) {
      this.o.logger?.warn({ id, error, rejectedSoFar: this.rejectedLogged }, 'stream entry rejected');
    }
  }

  // ---------------------------------------------------------------- group and snapshot

  /** Creates (or moves) this process's group to the newest snapshot and restores the engine from it. */
  private async joinFromSnapshot(): Promise<void> {
    await this.refreshLiveness();
    // Created at 0 first: from here until the SETID nothing this process needs can be trimmed.
    await this.cmd.xgroup('CREATE', this.keys.stream, this.group, ZERO_ID, 'MKSTREAM').catch((err: Error) => {
      if (!/BUSYGROUP/.test(err.message)) throw err;
    });
    const saved = await this.store.load();
    let restored: Engine | null = null;
    if (saved && (this.lastApplied === null || compareStreamIds(saved.streamId, this.lastApplied) > 0)) {
      try {
        restored = restoreEngine(saved.snapshot, this.o.engine, this.o.eta);
      } catch (err) {
        // A snapshot of another format (an older release): read the stream from its start.
        this.o.logger?.warn({ err: (err as Error).message, streamId: saved.streamId }, 'Redis snapshot not usable; reading the whole stream');
      }
    }
    if (saved && restored) {
      this.engine = restored;
      this.door.folded = saved.door;
      this.lastApplied = saved.streamId;
      this.snapshotId = saved.streamId;
      this.appliedSinceSnapshot = 0;
    }
    await this.cmd.xgroup('SETID', this.keys.stream, this.group, this.lastApplied ?? ZERO_ID);
  }

  /** The group vanished (its liveness key expired during a long outage, or the stream was deleted). */
  private async rejoin(): Promise<void> {
    this.o.logger?.warn({ group: this.group, lastApplied: this.lastApplied }, 'consumer group gone; rejoining from the newest snapshot');
    await this.joinFromSnapshot();
  }

  private refreshLiveness(): Promise<unknown> {
    return this.cmd.set(this.keys.instance(this.o.instanceId), String(Date.now()), 'PX', this.o.instanceTtlMs ?? 10 * MINUTE);
  }

  // ---------------------------------------------------------------- Redis calls

  private async exec(multi: ChainableCommander, what: string): Promise<unknown[]> {
    try {
      if (this.cmd.status !== 'ready') throw new Error(`connection ${this.cmd.status}`);
      const res = await multi.exec();
      if (!res) throw new Error('transaction discarded');
      const failed = res.find(([err]) => err);
      if (failed) throw failed[0];
      this.lastCallOk = true;
      return res.map(([, v]) => v);
    } catch (err) {
      this.lastCallOk = false;
      throw new LogUnavailableError(`redis: ${what} (${(err as Error).message})`, { cause: err });
    }
  }

  /** Door counts of a request without events to write: shared when Redis answers, else local. */
  private async countDoor(door: DoorTotals): Promise<void> {
    if (!door.rejected && !door.duplicates) return;
    const multi = this.cmd.multi();
    const counted = this.door.queue(multi, door);
    try {
      const replies = await this.exec(multi, 'door counters');
      this.door.fold(this.engine, Object.fromEntries(counted.map((f, i) => [f, Number(replies[i])])));
    } catch {
      this.door.countLocally(this.engine, door);
    }
  }

  private startTimers(): void {
    const every = this.o.snapshotEveryMs ?? 5 * MINUTE;
    const snapshotTick = () => {
      if (!this.snapshotting && this.appliedSinceSnapshot > 0 && Date.now() - this.lastSnapshotAt >= every) void this.snapshot();
    };
    const statusTick = () => void this.refreshStatus();
    const trimTick = () => void this.trim();
    this.timers.push(setInterval(snapshotTick, Math.min(every, MINUTE)), setInterval(statusTick, 1000), setInterval(trimTick, this.o.trimEveryMs ?? MINUTE));
    for (const t of this.timers) t.unref();
  }

  /** Shared door counts, and this group's lag for the health report. */
  private async refreshStatus(): Promise<void> {
    if (this.cmd.status !== 'ready') return;
    try {
      await this.door.sync(this.cmd, this.engine);
      const groups = ((await this.cmd.call('XINFO', 'GROUPS', this.keys.stream)) as unknown[][]).map(xinfoFields);
      const lag = groups.find((g) => g.name === this.group)?.lag;
      // null while Redis cannot tell (after a SETID, or deletions): keep the last known value
      if (lag !== null && lag !== undefined) this.lag = Number(lag);
      this.lastCallOk = true;
    } catch {
      this.lastCallOk = false;
    }
  }

  private async trim(): Promise<void> {
    if (this.cmd.status !== 'ready') return;
    try {
      await this.refreshLiveness();
      await trimStream(this.cmd, this.keys, { staleMs: this.o.staleGroupMs ?? 24 * 60 * MINUTE, logger: this.o.logger });
    } catch (err) {
      this.o.logger?.warn({ err: (err as Error).message }, 'stream trim failed; will retry');
    }
  }
}
