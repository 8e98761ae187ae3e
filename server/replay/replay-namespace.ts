import { driverNames } from '../live/driver-names';
import type { Namespace, Socket } from 'socket.io';
import type { ErrorBody } from '../../lib/api-types';
import { ID_PATTERN } from '../../lib/events';
import type { ClockAck, ReplayClientToServerEvents, ReplayServerToClientEvents } from '../../lib/live-types';
import { dayOutcomes, type DayOutcomes } from '../days/day-outcomes';
import type { DayStore, PreparedDay } from '../days/day-store';
import { driverDetail } from '../engine/views';
import { ClientFeed } from '../live/client-feed';
import { feedSocket } from '../live/live-hub';
import { emitStats } from '../live/stats-frames';
import { VehicleCache, parseViewport } from '../live/vehicle-frames';
import type { Logger } from '../logger';
import { ReplayError, ReplaySession } from './session';

export type ReplayNamespace = Namespace<ReplayClientToServerEvents, ReplayServerToClientEvents>;
type ReplaySocket = Socket<ReplayClientToServerEvents, ReplayServerToClientEvents, Record<string, never>, { day: PreparedDay }>;

export interface ReplayOptions {
  maxSessions: number;
  /** a paused session nobody touched for this long is closed */
  idleMs: number;
  logger: Logger;
}

const TICK_MS = 100;
const CLOCK_EVERY_MS = 250;
const STATS_EVERY_MS = 1000;

const errorBody = (err: unknown): ErrorBody =>
  err instanceof ReplayError ? { error: { code: err.code, message: err.message } } : { error: { code: 'internal', message: 'internal error' } };

/**
 * Contract section 5: each /replay connection owns a session of one day, with its own engine,
 * independent of live data and of other clients. It gets the live events computed as of the
 * replay clock, plus `clock` at least 4 times a second while playing.
 */
export function attachReplayNamespace(nsp: ReplayNamespace, days: DayStore, opts: ReplayOptions): { sessions(): number } {
  let sessions = 0;
  nsp.use((socket, next) => {
    const day = (socket.handshake.auth as { day?: unknown } | undefined)?.day;
    if (typeof day !== 'string' || !ID_PATTERN.test(day)) return next(new Error('day: auth.day must be the id of a day from GET /api/days'));
    if (sessions >= opts.maxSessions) return next(new Error(`replay: all ${opts.maxSessions} replay sessions are in use (REPLAY_MAX_SESSIONS); try again later`));
    if (!days.record(day)) return next(new Error(`day: no day "${day}" (see GET /api/days)`));
    sessions++;
    days.open(day).then(
      (prepared) => {
        // A client that left while the day was opening (preparing a simulated day takes minutes)
        // never gets a 'connection', so its 'disconnect' would never give the slot back.
        if (socket.conn.readyState !== 'open') {
          sessions--;
          return next(new Error('replay: the client left before its day was ready'));
        }
        (socket as ReplaySocket).data.day = prepared;
        next();
      },
      (err: Error) => {
        sessions--;
        opts.logger.error({ err, day }, 'replay day could not be opened');
        next(new Error(`day: "${day}" could not be prepared for replay`));
      },
    );
  });
  nsp.on('connection', (socket) => void run(socket as ReplaySocket));

  async function run(socket: ReplaySocket): Promise<void> {
    const session = new ReplaySession(socket.data.day);
    // The recorded day knows each order's actual arrival: the ETA panel shows it beside the ETA.
    let outcomes: DayOutcomes | null = null;
    const outcome = (id: string) => outcomes?.get(id);
    const feed = new ClientFeed(feedSocket(socket as unknown as Socket), 5_000);
    let lastActivity = Date.now();
    let lastWall = Date.now();
    let lastClock = 0;
    let lastStats = 0;
    let closed = false;
    socket.on('disconnect', () => {
      closed = true;
      sessions--;
      clearInterval(timer);
    });

    const sendStats = (full: boolean) => {
      emitStats(socket, session.engine, full, outcome);
      lastStats = Date.now();
    };
    const emitAll = () => {
      feed.requestFull();
      session.engine.drainChanged();
      feed.flush(session.engine, new VehicleCache(session.engine));
      socket.emit('clock', session.clock());
      lastClock = Date.now();
      sendStats(true);
      for (const id of feed.watched) {
        const d = driverDetail(session.engine, id);
        if (d) socket.emit('driver', d);
      }
    };
    const control = (fn: () => Promise<unknown> | unknown) => async (...args: unknown[]) => {
      lastActivity = Date.now();
      const ack = args.find((a): a is ClockAck => typeof a === 'function');
      try {
        await fn();
        lastWall = Date.now();
        ack?.(session.clock());
      } catch (err) {
        if (!(err instanceof ReplayError)) opts.logger.error({ err }, 'replay control failed');
        ack?.(errorBody(err));
      }
    };

    socket.on('replay:play', control(() => session.play()));
    socket.on('replay:pause', control(() => session.pause()));
    socket.on('replay:speed', (speed: unknown, ack?: ClockAck) => void control(() => session.setSpeed(speed))(ack));
    socket.on('replay:seek', (ts: unknown, ack?: ClockAck) =>
      void control(async () => {
        await session.seek(ts as number);
        emitAll();
      })(ack),
    );
    socket.on('viewport', (raw) => {
      lastActivity = Date.now();
      const box = parseViewport(raw);
      if (box === undefined) return;
      feed.setViewport(box);
      feed.flush(session.engine, new VehicleCache(session.engine));
    });
    socket.on('driver:watch', (id) => {
      if (typeof id !== 'string' || !ID_PATTERN.test(id) || feed.watched.size >= 50) return;
      feed.watched.add(id);
      const d = driverDetail(session.engine, id);
      if (d) socket.emit('driver', d);
    });
    socket.on('driver:unwatch', (id) => {
      if (typeof id === 'string') feed.watched.delete(id);
    });
    socket.on('names:get', (ids, ack) => {
      if (typeof ack === 'function') ack(driverNames(session.engine, ids));
    });

    let busy = false;
    const timer = setInterval(() => {
      if (busy || closed) return;
      busy = true;
      const now = Date.now();
      const wall = now - lastWall;
      lastWall = now;
      session
        .advance(wall)
        .then(() => {
          if (closed) return;
          const changed = session.engine.drainChanged();
          feed.noteChanges(changed);
          feed.flush(session.engine, new VehicleCache(session.engine));
          for (const id of changed) {
            if (!feed.watched.has(id)) continue;
            const d = driverDetail(session.engine, id);
            if (d) socket.emit('driver', d);
          }
          if (session.playing || now - lastClock >= 1000) {
            if (now - lastClock >= CLOCK_EVERY_MS) {
              socket.emit('clock', session.clock());
              lastClock = now;
            }
          }
          if (session.playing && now - lastStats >= STATS_EVERY_MS) sendStats(false);
          if (!session.playing && now - lastActivity > opts.idleMs) {
            opts.logger.info({ day: session.day.record.id }, 'closing an idle replay session');
            socket.disconnect(true);
          }
        })
        .catch((err: unknown) => opts.logger.error({ err }, 'replay tick failed'))
        .finally(() => {
          busy = false;
        });
    }, TICK_MS);
    timer.unref();

    try {
      [outcomes] = await Promise.all([
        dayOutcomes(session.day).catch((err: unknown) => {
          opts.logger.error({ err, day: session.day.record.id }, 'the day\'s order outcomes could not be read: replay ETAs without actual arrivals');
          return null;
        }),
        session.seek(session.startTs),
      ]);
      if (!closed) emitAll();
    } catch (err) {
      opts.logger.error({ err }, 'replay session could not start');
      socket.disconnect(true);
    }
  }

  return { sessions: () => sessions };
}
