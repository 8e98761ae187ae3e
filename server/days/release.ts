/**
 * When a recorded event is released during replay: events are fed in recorded (arrival) order,
 * each once the replay clock has reached its ts; a late event (ts behind events before it) goes
 * with the one before it. So an event's release time is the running maximum of ts in recorded
 * order: non-decreasing, which lets a day be cut into segments by release time and lets a seek
 * to t replay exactly the events a continuous run would have fed by t.
 */
export class ReleaseClock {
  private max = -Infinity;

  /** What `next` would answer, without moving the clock. */
  peek(ts: number): number {
    return ts > this.max ? ts : this.max;
  }

  /** Release time of the next event in recorded order. */
  next(ts: number): number {
    if (ts > this.max) this.max = ts;
    return this.max;
  }
}
