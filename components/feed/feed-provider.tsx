'use client';

import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { NameCache } from '../../lib/name-cache';
import { io, type Socket } from 'socket.io-client';
import type { ErrorBody } from '../../lib/api-types';
import type { BBox } from '../../lib/geo';
import { FeedState, type FeedTopic } from '../../lib/feed-state';
import type { ReplayClientToServerEvents, ReplayClock, ReplayServerToClientEvents } from '../../lib/live-types';

/** Where the page's data comes from: the live fleet, or one viewer's replay of a recorded day. */
export type FeedSource = { kind: 'live' } | { kind: 'replay'; day: string };

export interface ReplayControls {
  play(): Promise<ReplayClock>;
  pause(): Promise<ReplayClock>;
  speed(n: number): Promise<ReplayClock>;
  seek(ts: number): Promise<ReplayClock>;
}

export interface Feed {
  source: FeedSource;
  state: FeedState;
  /** Asks for a driver's detail (the `driver` events) until the returned function is called. */
  watchDriver(id: string): () => void;
  /** Limits `vehicles` to a box, or null for all. */
  setViewport(box: BBox | null): void;
  /** A driver's name when known; an unknown one is asked of the server (see NameCache). */
  nameOf(id: string): string | undefined;
  /** replay only */
  replay: ReplayControls | null;
  /** why the socket could not connect (e.g. an unknown day), if it could not */
  error: string | null;
}

type AnySocket = Socket<ReplayServerToClientEvents, ReplayClientToServerEvents>;

const FeedContext = createContext<Feed | null>(null);

/**
 * One Socket.IO connection for the page (the live namespace or `/replay`), its frames applied to
 * a FeedState that the map, KPIs, charts and panels read. The components below do not know which
 * source they show.
 */
export function FeedProvider({ source, children }: { source: FeedSource; children: React.ReactNode }) {
  const key = source.kind === 'live' ? 'live' : `replay:${source.day}`;
  const [state] = useState(() => new FeedState());
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<AnySocket | null>(null);
  const watched = useRef(new Map<string, number>());
  const viewport = useRef<BBox | null>(null);

  useEffect(() => {
    const now = () => performance.now();
    const socket: AnySocket =
      source.kind === 'live'
        ? io({ transports: ['websocket'] })
        : io('/replay', { transports: ['websocket'], auth: { day: source.day } });
    socketRef.current = socket;
    let wasPlaying: ReplayClock | null = null;
    socket.on('connect', () => {
      setError(null);
      state.onConnect(now());
      if (viewport.current) socket.emit('viewport', viewport.current);
      for (const id of watched.current.keys()) socket.emit('driver:watch', id);
      // A replay that lost its connection resumes where it was (a new session starts at dawn).
      if (wasPlaying) {
        const c = wasPlaying;
        wasPlaying = null;
        socket.emit('replay:speed', c.speed);
        socket.emit('replay:seek', c.ts, () => {
          if (c.playing) socket.emit('replay:play');
        });
      }
    });
    socket.on('disconnect', () => {
      if (source.kind === 'replay') wasPlaying = state.clock;
      state.onDisconnect();
    });
    socket.on('connect_error', (err) => {
      setError(err.message);
      if (state.connection !== 'connecting') state.onDisconnect();
    });
    socket.on('vehicles', (f) => state.onVehicles(f, now()));
    socket.on('metrics', (b) => state.onMetrics(b, now()));
    socket.on('zones', (b) => state.onZones(b, now()));
    socket.on('alerts', (b) => state.onAlerts(b, now()));
    socket.on('series', (f) => state.onSeries(f, now()));
    socket.on('eta', (f) => state.onEta(f, now()));
    socket.on('driver', (b) => state.onDriver(b, now()));
    socket.on('clock', (c) => state.onClock(c, now()));
    const stale = setInterval(() => state.checkStale(now()), 1000);
    return () => {
      clearInterval(stale);
      socket.close();
      socketRef.current = null;
    };
    // `key` names the source; the socket is opened once per source.
  }, [key, state]);

  const feed = useMemo<Feed>(() => {
    const control = (event: 'replay:play' | 'replay:pause') =>
      new Promise<ReplayClock>((resolve, reject) => {
        const s = socketRef.current;
        if (!s) return reject(new Error('not connected'));
        s.emit(event, ack(resolve, reject, state));
      });
    const withArg = (event: 'replay:speed' | 'replay:seek', value: number) =>
      new Promise<ReplayClock>((resolve, reject) => {
        const s = socketRef.current;
        if (!s) return reject(new Error('not connected'));
        if (event === 'replay:seek') state.resetForSeek();
        s.emit(event, value, ack(resolve, reject, state));
      });
    const names = new NameCache((ids, answer) => socketRef.current?.emit('names:get', ids, answer));
    return {
      source,
      state,
      error,
      watchDriver(id) {
        const n = watched.current.get(id) ?? 0;
        watched.current.set(id, n + 1);
        if (n === 0) socketRef.current?.emit('driver:watch', id);
        return () => {
          const left = (watched.current.get(id) ?? 1) - 1;
          if (left > 0) return void watched.current.set(id, left);
          watched.current.delete(id);
          socketRef.current?.emit('driver:unwatch', id);
          state.forgetDriver(id);
        };
      },
      setViewport(box) {
        viewport.current = box;
        socketRef.current?.emit('viewport', box);
      },
      nameOf: (id) => names.nameOf(id),
      replay:
        source.kind === 'replay'
          ? {
              play: () => control('replay:play'),
              pause: () => control('replay:pause'),
              speed: (n) => withArg('replay:speed', n),
              seek: (ts) => withArg('replay:seek', ts),
            }
          : null,
    };
  }, [key, state, error]);

  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

function ack(resolve: (c: ReplayClock) => void, reject: (e: Error) => void, state: FeedState) {
  return (answer: ReplayClock | ErrorBody) => {
    if ('error' in answer) return reject(new Error(answer.error.message));
    state.onClock(answer, performance.now());
    resolve(answer);
  };
}

/** The page's feed; components under a FeedProvider only. */
export function useFeed(): Feed {
  const feed = useContext(FeedContext);
  if (!feed) throw new Error('useFeed: this component needs a <FeedProvider> above it');
  return feed;
}

/**
 * One value of the feed, re-rendering only when its topic changes. `select` must return
 * something the state keeps (not a new object each call).
 */
export function useFeedValue<T>(topic: FeedTopic, select: (s: FeedState) => T): T {
  const { state } = useFeed();
  return useSyncExternalStore(
    (fn) => state.subscribe(topic, fn),
    () => select(state),
    () => select(state),
  );
}

/** The detail of one driver, watched while the calling component is mounted. */
export function useWatchedDriver(id: string | null) {
  const feed = useFeed();
  useEffect(() => (id ? feed.watchDriver(id) : undefined), [feed, id]);
  return useFeedValue('drivers', (s) => (id ? (s.drivers.get(id) ?? null) : null));
}
