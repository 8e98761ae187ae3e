import type { FleetEvent } from '../../lib/events';
import type { ReplayClock } from '../../lib/live-types';
import { REPLAY_SPEED_MAX, REPLAY_SPEED_MIN } from '../../lib/live-types';
import type { Engine } from '../engine/engine';
import { restoreEngine, type EngineSnapshot } from '../engine/snapshot';
import type { PreparedDay } from '../days/day-store';
import { etaModelOfSpec } from '../days/day-eta';
import { preparedEta, readCheckpoint, readSegment } from '../days/prepare';
import { ReleaseClock } from '../days/release';

export class ReplayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One viewer's replay of one day: its own engine, a clock in event time, play/pause/speed/seek.
 * Time moves only through `advance(wallMs)`, which the caller drives from a timer, so the
 * session itself is deterministic: the same seeks and advances give the same state.
 */
export class ReplaySession {
  engine!: Engine;
  ts: number;
  speed = 60;
  playing = false;
  private segment = -1;
  private events: FleetEvent[] = [];
  private pos = 0;
  private release = new ReleaseClock();
  private nextSegment: Promise<FleetEvent[]> | null = null;
  /** serializes seeks and advances */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly day: PreparedDay) {
    this.ts = day.meta.startTs;
  }

  get startTs(): number {
    return this.day.meta.startTs;
  }

  get endTs(): number {
    return this.day.meta.endTs;
  }

  clock(): ReplayClock {
    return { ts: this.ts, startTs: this.startTs, endTs: this.endTs, speed: this.speed, playing: this.playing };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The segment whose release times hold `ts`: the last one that starts before it. */
  private segmentOf(ts: number): number {
    const { bounds } = this.day.meta;
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid] < ts) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Jumps to `ts`: the state is exactly that of a run from the start of the day to `ts`. */
  seek(ts: number): Promise<ReplayClock> {
    return this.serial(async () => {
      if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new ReplayError('invalid_seek', 'ts: must be a number (milliseconds since the epoch)');
      const t = Math.min(Math.max(ts, this.startTs), this.endTs);
      const k = this.segmentOf(t);
      const [snapshot, events] = await Promise.all([readCheckpoint(this.day.dir, k), readSegment(this.day.dir, k)]);
      // The model the checkpoints were built with, which learned what they carry.
      this.engine = restoreEngine(snapshot as EngineSnapshot, {}, etaModelOfSpec(preparedEta(this.day.meta)));
      this.segment = k;
      this.events = events;
      this.pos = 0;
      this.release = new ReleaseClock();
      this.nextSegment = null;
      await this.feedTo(t);
      this.ts = t;
      return this.clock();
    });
  }

  play(): ReplayClock {
    if (this.ts >= this.endTs) return this.clock();
    this.playing = true;
    return this.clock();
  }

  pause(): ReplayClock {
    this.playing = false;
    return this.clock();
  }

  setSpeed(speed: unknown): ReplayClock {
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < REPLAY_SPEED_MIN || speed > REPLAY_SPEED_MAX) {
      throw new ReplayError('invalid_speed', `speed: must be a number from ${REPLAY_SPEED_MIN} to ${REPLAY_SPEED_MAX}`);
    }
    this.speed = speed;
    return this.clock();
  }

  /** Moves the clock by `wallMs` × speed while playing, feeding the events it passes. */
  advance(wallMs: number): Promise<void> {
    return this.serial(async () => {
      if (!this.playing) return;
      const target = Math.min(this.endTs, this.ts + wallMs * this.speed);
      await this.feedTo(target);
      this.ts = target;
      if (this.ts >= this.endTs) this.playing = false;
    });
  }

  /** Feeds every event released at or before `t`, crossing into later segments as needed. */
  private async feedTo(t: number): Promise<void> {
    for (;;) {
      while (this.pos < this.events.length) {
        const ev = this.events[this.pos];
        if (this.release.peek(ev.ts) > t) return;
        this.release.next(ev.ts);
        this.engine.ingest(ev);
        this.pos++;
      }
      if (this.segment + 1 >= this.day.meta.segments) return;
      const boundary = this.day.meta.bounds[this.segment + 1];
      if (boundary >= t) {
        this.nextSegment ??= readSegment(this.day.dir, this.segment + 1);
        return;
      }
      this.events = await (this.nextSegment ?? readSegment(this.day.dir, this.segment + 1));
      this.nextSegment = null;
      this.segment++;
      this.pos = 0;
      this.release = new ReleaseClock();
    }
  }
}
