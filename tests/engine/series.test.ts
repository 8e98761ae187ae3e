import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { seriesBody } from '../../server/engine/views';
import { assigned, cancelled, created, feed, lifecycle, loc, min, offline, online, P, sec } from '../support/events';

const clockAt = (ts: number) => offline('clock', ts);
const point = (e: Engine, minuteTs: number) => seriesBody(e).points.find((p) => p.ts === minuteTs);

describe('per-minute series', () => {
  it('has one point per minute, from the first to the current, starting on the minute', () => {
    const e = feed(new Engine(), [created('o1', min(0) + 5_000), clockAt(min(3) + 5_000)]);
    expect(seriesBody(e).points.map((p) => p.ts)).toEqual([min(0), min(1), min(2), min(3)]);
  });

  it('counts created, delivered and cancelled orders in the minute of their ts', () => {
    const e = feed(new Engine(), [
      ...lifecycle('o1', 'd1', [min(0) + 5_000, min(0) + 6_000, min(0) + 7_000, min(2) + 1_000]),
      created('o2', min(1) + 1_000),
      cancelled('o2', min(2) + 2_000),
    ]);
    expect(seriesBody(e).points.map((p) => [p.created, p.delivered, p.cancelled])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
  });

  it('counts accepted events in the minute of their ts, duplicates left out', () => {
    const e = feed(new Engine(), [created('o1', sec(1)), created('o1', sec(1)), loc('d1', sec(2), P.lat, P.lng), loc('d1', min(1), P.lat, P.lng)]);
    expect(seriesBody(e).points.map((p) => p.events)).toEqual([2, 1]);
  });

  it('gives the on-time rate of the minute deliveries that had a promise', () => {
    const e = feed(new Engine(), [
      ...lifecycle('o1', 'd1', [sec(1), sec(2), sec(3), sec(50)], { promisedTs: min(1) }),
      ...lifecycle('o2', 'd2', [sec(1), sec(2), sec(3), sec(55)], { promisedTs: sec(54) }),
    ]);
    expect(point(e, min(0))!.onTimeRate).toBe(0.5);
  });

  it('samples the gauges as the clock leaves the minute', () => {
    const e = feed(new Engine(), [
      online('d1', sec(0)),
      online('d2', sec(0)),
      loc('d1', sec(1), P.lat, P.lng),
      created('o1', sec(2)),
      created('o2', sec(3)),
      assigned('o2', sec(4), 'd2'),
      clockAt(min(1)),
    ]);
    expect(point(e, min(0))).toMatchObject({ online: 2, idle: 1, busy: 1, supply: 1, demand: 1 });
  });

  it('samples the gauges of a minute the clock jumps out of between ticks', () => {
    // No tick falls on 0:01:00: the clock goes from 0:00:05 straight to 0:02:45.
    const e = feed(new Engine(), [online('d1', sec(0)), created('o1', sec(5)), clockAt(min(2) + 45_000)]);
    expect(point(e, min(0))).toMatchObject({ online: 1, idle: 1, demand: 1 });
  });

  it('gives the current minute the gauges as they are now', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), clockAt(min(1) + 5_000), online('d2', min(1) + 6_000)]);
    expect(point(e, min(1))).toMatchObject({ online: 2, idle: 2 });
  });

  it('counts a late event in its own minute', () => {
    const e = feed(new Engine(), [clockAt(min(10)), created('o1', min(2) + 1)]);
    expect(point(e, min(2))!.created).toBe(1);
  });
});
