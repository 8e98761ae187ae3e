import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, VehiclesFrame } from '../../lib/live-types';
import { ID_PATTERN } from '../../lib/events';
import { driverNames } from './driver-names';
import type { Engine } from '../engine/engine';
import { driverDetail } from '../engine/views';
import type { Logger } from '../logger';
import { ClientFeed, clock, type FeedSocket } from './client-feed';
import { emitStats } from './stats-frames';
import { VehicleCache, parseViewport, visible } from './vehicle-frames';

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface HubOptions {
  /** vehicles frames a second, at most (contract: 10) */
  vehiclesHz: number;
  /** interval of metrics and zones */
  statsEveryMs: number;
  logger: Logger;
  /** called after each tick that emitted, with how long ago the oldest unsent change was applied */
  onFlush?: (latencyMs: number | null) => void;
}

export function feedSocket(socket: Socket): FeedSocket {
  return {
    emit: (event, frame) => socket.emit(event, frame),
    // engine.io keeps packets here while the transport cannot take them (a client not reading).
    pendingPackets: () => (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length,
  };
}

/**
 * Pushes one engine's state to the sockets of one namespace: vehicles at up to `vehiclesHz`
 * (a full frame on connect, then deltas), metrics, zones, alerts and the recent series about once a second, and the detail
 * of watched drivers when they change. Emits are local: in the Redis mode every process has the
 * whole fleet in its own engine and serves its own clients.
 */
export class LiveHub {
  private readonly feeds = new Map<string, ClientFeed>();
  private timers: NodeJS.Timeout[] = [];
  /** wall time at which the oldest change not yet pushed was applied */
  private unsentSince: number | null = null;

  constructor(
    private readonly nsp: LiveNamespace,
    private readonly engine: () => Engine,
    private readonly opts: HubOptions,
  ) {
    nsp.on('connection', (socket) => this.connect(socket));
  }

  /** The engine has applied new events (wall clock, for the latency measurement). */
  noteApplied(): void {
    this.unsentSince ??= Date.now();
  }

  start(): void {
    this.timers.push(setInterval(() => this.tick(), Math.round(1000 / this.opts.vehiclesHz)));
    this.timers.push(setInterval(() => this.stats(), this.opts.statsEveryMs));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private connect(socket: LiveSocket): void {
    const feed = new ClientFeed(feedSocket(socket), 5_000);
    this.feeds.set(socket.id, feed);
    const engine = this.engine();
    feed.flush(engine, new VehicleCache(engine));
    emitStats(socket, engine, true);
    socket.on('viewport', (raw) => {
      const box = parseViewport(raw);
      if (box === undefined) {
        this.opts.logger.debug({ socket: socket.id, raw }, 'viewport ignored: not [west, south, east, north]');
        return;
      }
      feed.setViewport(box);
      const e = this.engine();
      feed.flush(e, new VehicleCache(e));
    });
    socket.on('driver:watch', (id) => {
      if (typeof id !== 'string' || !ID_PATTERN.test(id) || feed.watched.size >= 50) return;
      feed.watched.add(id);
      void socket.join(`driver:${id}`);
      const detail = driverDetail(this.engine(), id);
      if (detail) socket.emit('driver', detail);
    });
    socket.on('driver:unwatch', (id) => {
      if (typeof id !== 'string') return;
      feed.watched.delete(id);
      void socket.leave(`driver:${id}`);
    });
    socket.on('names:get', (ids, ack) => {
      if (typeof ack === 'function') ack(driverNames(this.engine(), ids));
    });
    socket.on('disconnect', () => this.feeds.delete(socket.id));
  }

  /** One vehicles tick: a shared delta for plain clients, own frames for the others. */
  tick(): void {
    const engine = this.engine();
    const changed = engine.drainChanged();
    const cache = new VehicleCache(engine);
    const shared: string[] = [];
    let emitted = false;
    for (const [id, feed] of this.feeds) {
      if (feed.slow) {
        feed.noteChanges(changed);
      } else if (feed.individual) {
        feed.noteChanges(changed);
        emitted = feed.flush(engine, cache) || emitted;
      } else if (changed.length) {
        shared.push(id);
      }
    }
    if (shared.length) {
      const frame: VehiclesFrame = { ts: clock(engine), full: false, upserts: [], removed: [] };
      for (const id of changed) {
        const v = cache.get(id);
        if (visible(v, null)) frame.upserts.push(v);
        else frame.removed.push(id);
      }
      // One broadcast: Socket.IO encodes the packet once for all these sockets.
      this.nsp.local.to(shared).emit('vehicles', frame);
      for (const id of shared) this.feeds.get(id)!.applyShared(frame);
      emitted = true;
    }
    this.pushWatched(engine, changed);
    if (emitted || changed.length) {
      this.opts.onFlush?.(this.unsentSince === null ? null : Date.now() - this.unsentSince);
      this.unsentSince = null;
    }
  }

  private pushWatched(engine: Engine, changed: readonly string[]): void {
    // Few drivers are watched and many change: look at the rooms, not at every changed id.
    const watched = new Set<string>();
    for (const [room, members] of this.nsp.adapter.rooms) {
      if (members.size && room.startsWith('driver:')) watched.add(room.slice('driver:'.length));
    }
    if (!watched.size) return;
    for (const id of changed) {
      if (!watched.has(id)) continue;
      const detail = driverDetail(engine, id);
      if (detail) this.nsp.local.to(`driver:${id}`).emit('driver', detail);
    }
  }

  private stats(): void {
    if (!this.feeds.size) return;
    const engine = this.engine();
    const slow = [...this.feeds].filter(([, f]) => f.slow).map(([id]) => id);
    const target = slow.length ? this.nsp.local.except(slow) : this.nsp.local;
    emitStats(target, engine, false);
  }
}
