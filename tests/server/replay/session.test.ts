import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../lib/events';
import { DayStore, type PreparedDay } from '../../../server/days/day-store';
import { etaModelOfSpec } from '../../../server/days/day-eta';
import { preparedEta, SEGMENT_MS } from '../../../server/days/prepare';
import { ReleaseClock } from '../../../server/days/release';
import { Engine } from '../../../server/engine/engine';
import { driversBody, metricsBody } from '../../../server/engine/views';
import { ReplayError, ReplaySession } from '../../../server/replay/session';
import { assigned, created, delivered, drive, min, online, pickedUp } from '../../support/events';

/** Two hours of a small fleet, with an order, a late fix and an out-of-order pair. */
function dayEvents(): FleetEvent[] {
  const events: FleetEvent[] = [online('a', min(0), 'Ana'), online('b', min(0), 'Bo')];
  const a = drive('a', min(0) + 1000, 720, 10, 30);
  const b = drive('b', min(0) + 5000, 720, 10, 20, 41.16);
  for (let i = 0; i < 720; i++) events.push(a[i], b[i]);
  events.push(created('o1', min(20)), assigned('o1', min(21), 'a'), pickedUp('o1', min(30)), delivered('o1', min(50)));
  events.sort((x, y) => x.ts - y.ts);
  // A late fix, recorded 5 minutes after its time, and a swapped pair.
  const late = events.findIndex((e) => e.ts >= min(65));
  events.splice(late, 0, { type: 'location', driverId: 'b', ts: min(60) + 2500, lat: 41.16, lng: -8.6 });
  [events[500], events[501]] = [events[501], events[500]];
  return events;
}

/** The state of a fresh engine (with the day's ETA model) fed the recorded events released by `t`. */
function reference(events: FleetEvent[], t: number, eta: string): Engine {
  const e = new Engine({}, etaModelOfSpec(eta));
  const r = new ReleaseClock();
  for (const ev of events) {
    if (r.peek(ev.ts) > t) break;
    r.next(ev.ts);
    e.ingest(ev);
  }
  return e;
}

const view = (e: Engine) => ({ drivers: driversBody(e), metrics: metricsBody(e) });

describe('replay session', () => {
  let dir: string;
  let day: PreparedDay;
  const events = dayEvents();
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
    const store = new DayStore(dir, () => []);
    await store.addImported('d1', 'test day', 'day.ndjson', events, () => 0);
    day = await store.open('d1');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cuts the day into segments of release time and lists its counts', () => {
    expect(day.meta).toMatchObject({ events: events.length, drivers: 2, orders: 1, startTs: min(0) });
    expect(day.meta.segments).toBe(day.meta.bounds.length);
    // Segments are at most SEGMENT_MS of release time long.
    for (let k = 1; k < day.meta.bounds.length; k++) expect(day.meta.bounds[k] - day.meta.bounds[k - 1]).toBeLessThanOrEqual(SEGMENT_MS);
    expect(day.meta.segments).toBeGreaterThanOrEqual(4);
  });

  it.each([0, 7, 15, 31.5, 66, 90, 119.9])('seek to minute %s gives the state of a run from the start to it', async (m) => {
    const s = new ReplaySession(day);
    const clock = await s.seek(min(m));
    expect(clock.ts).toBe(min(m));
    expect(view(s.engine)).toEqual(view(reference(events, min(m), preparedEta(day.meta))));
  });

  it('playing moves the clock at the chosen speed and feeds what it passes', async () => {
    const s = new ReplaySession(day);
    await s.seek(min(10));
    s.setSpeed(120);
    s.play();
    await s.advance(1000);
    expect(s.clock().ts).toBe(min(12));
    await s.advance(30_000); // an hour on: crosses several segments
    expect(s.clock().ts).toBe(min(72));
    expect(view(s.engine)).toEqual(view(reference(events, min(72), preparedEta(day.meta))));
  });

  it('pause holds the clock', async () => {
    const s = new ReplaySession(day);
    await s.seek(min(5));
    s.play();
    s.pause();
    await s.advance(10_000);
    expect(s.clock()).toMatchObject({ ts: min(5), playing: false });
  });

  it('stops at the end of the day', async () => {
    const s = new ReplaySession(day);
    await s.seek(day.meta.endTs - 1000);
    s.setSpeed(3600);
    s.play();
    await s.advance(1000);
    expect(s.clock()).toMatchObject({ ts: day.meta.endTs, playing: false });
  });

  it('two sessions of the same day do not affect each other', async () => {
    const s1 = new ReplaySession(day);
    const s2 = new ReplaySession(day);
    await Promise.all([s1.seek(min(100)), s2.seek(min(3))]);
    expect(view(s1.engine)).toEqual(view(reference(events, min(100), preparedEta(day.meta))));
    expect(view(s2.engine)).toEqual(view(reference(events, min(3), preparedEta(day.meta))));
  });

  it('refuses a speed outside 1 to 3600 and a seek that is not a time, naming the rule', async () => {
    const s = new ReplaySession(day);
    expect(() => s.setSpeed(0)).toThrow(ReplayError);
    expect(() => s.setSpeed(5000)).toThrow('speed: must be a number from 1 to 3600');
    await expect(s.seek('noon' as never)).rejects.toThrow('ts: must be a number');
  });
});
