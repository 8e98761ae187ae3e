import type { FleetEvent } from '../../lib/events';
import type { LiveFleet } from '../fleet-types';
import type { Logger } from '../logger';
import { DaySimulator } from '../sim/index';

export interface LiveSimulatorOptions {
  drivers: number;
  /** fixes the fleet; by default each day gets its own seed from its date */
  seed: number | null;
  logger: Logger;
  /** the wall clock (injected so tests can drive it) */
  now?: () => number;
  /** how much of the recent past is fed at start, so the map has trails and the charts a history */
  warmupMs?: number;
  /** wall ms between feeds */
  everyMs?: number;
}

const DAY_MS = 86_400_000;
const MAX_BATCH = 10_000;

/** A day's own seed, so that every day of the demo differs but a restart replays the same one. */
export function seedOfDay(dayStart: number): number {
  return Math.floor(dayStart / DAY_MS) % 1_000_000;
}

/**
 * The built-in fleet: the simulator run in real time (time of day from the clock), its events fed
 * through the same path producers use (validation, durable log, engine). On start it catches up
 * silently to the engine's clock (after a restart) or to `warmupMs` ago, whichever is later, so a
 * restart never feeds an event twice; at midnight UTC it moves on to the next day's fleet.
 */
export class LiveSimulator {
  private sim: DaySimulator | null = null;
  private timer: NodeJS.Timeout | null = null;
  private feeding = false;
  private readonly now: () => number;
  fed = 0;

  constructor(
    private readonly fleet: LiveFleet,
    private readonly opts: LiveSimulatorOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  private dayOf(ts: number): DaySimulator {
    const dayStart = Math.floor(ts / DAY_MS) * DAY_MS;
    return new DaySimulator({ drivers: this.opts.drivers, date: dayStart, seed: this.opts.seed ?? seedOfDay(dayStart) });
  }

  /** Catches up and starts feeding every `everyMs`. */
  async start(): Promise<void> {
    const now = this.now();
    this.sim = this.dayOf(now);
    const engineNow = Number.isFinite(this.fleet.engine.now) ? this.fleet.engine.now : -Infinity;
    const from = Math.max(this.sim.startTs, now - (this.opts.warmupMs ?? 30 * 60_000), Math.min(engineNow, now));
    // Simulate up to `from` without feeding: those events are either in the log already or
    // older than the warm-up. Yield now and then: this runs beside a serving process.
    for (let t = this.sim.startTs + 60_000; t < from; t = Math.min(from, t + 10 * 60_000)) {
      this.sim.advanceTo(t);
      await new Promise((r) => setImmediate(r));
    }
    this.sim.advanceTo(from);
    // What the skipped part leaves open (online drivers and their last fix, orders under way),
    // with the feed's own ids and times: after a restart the engine counts them as duplicates.
    await this.feed(this.sim.catchUpEvents());
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.everyMs ?? 1000);
    this.timer.unref();
    this.opts.logger.info({ drivers: this.opts.drivers, from: new Date(from).toISOString() }, 'built-in simulated fleet is live');
  }

  /** Feeds the events up to now; crosses midnight into the next day's fleet. */
  async tick(): Promise<void> {
    if (this.feeding || !this.sim) return;
    this.feeding = true;
    try {
      const now = this.now();
      let events: FleetEvent[];
      if (now >= this.sim.endTs) {
        events = this.sim.finish();
        this.sim = this.dayOf(now);
        events.push(...this.sim.advanceTo(now));
      } else {
        events = this.sim.advanceTo(now);
      }
      await this.feed(events);
    } catch (err) {
      // The log refused (disk full, Redis down): those events are lost to the demo, not to a producer.
      this.opts.logger.warn({ err: (err as Error).message }, 'simulator could not feed this second');
    } finally {
      this.feeding = false;
    }
  }

  private async feed(events: FleetEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      const result = await this.fleet.ingest(this.fleet.check(events.slice(i, i + MAX_BATCH)));
      this.fed += result.accepted;
      if (result.rejected.length) this.opts.logger.warn({ rejected: result.rejected.slice(0, 3) }, 'simulator events rejected');
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
