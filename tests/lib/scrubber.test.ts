import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../lib/api-types';
import { areaPath, clockAt, demandCurve, fractionOf, hhmm, hhmmss, hourTicks, longDate, seekTarget, shortDate, speedLabel, stepSpeed, tsAtX } from '../../lib/scrubber';

const DAY = Date.UTC(2026, 10, 24);
const H = 3_600_000;
const M = 60_000;

const point = (ts: number, created: number): SeriesPoint => ({
  ts,
  created,
  delivered: 0,
  cancelled: 0,
  onTimeRate: null,
  etaMaeSeconds: null,
  events: 0,
  online: 0,
  idle: 0,
  busy: 0,
  supply: 0,
  demand: 0,
});

describe('positions along the day', () => {
  it('maps times to fractions and clamps outside the day', () => {
    expect(fractionOf(DAY + 6 * H, DAY, DAY + 24 * H)).toBe(0.25);
    expect(fractionOf(DAY - H, DAY, DAY + 24 * H)).toBe(0);
    expect(fractionOf(DAY + 25 * H, DAY, DAY + 24 * H)).toBe(1);
    expect(fractionOf(DAY, DAY, DAY)).toBe(0);
  });

  it('gives the whole second under a pointer, inside the day', () => {
    expect(tsAtX(300, 1200, DAY, DAY + 24 * H)).toBe(DAY + 6 * H);
    // 1 px of a 1,000 px day-long bar is 86.4 s: rounded to the second.
    expect(tsAtX(1, 1000, DAY, DAY + 24 * H)).toBe(DAY + 86_000);
    expect(tsAtX(-20, 1000, DAY, DAY + 24 * H)).toBe(DAY);
    expect(tsAtX(1500, 1000, DAY, DAY + 24 * H)).toBe(DAY + 24 * H);
    expect(tsAtX(5, 0, DAY, DAY + H)).toBe(DAY);
  });

  it('keeps a seek inside the day', () => {
    expect(seekTarget(DAY + 30 * M, 10 * M, DAY, DAY + H)).toBe(DAY + 40 * M);
    expect(seekTarget(DAY + 30 * M, -40 * M, DAY, DAY + H)).toBe(DAY);
    expect(seekTarget(DAY + 55 * M, 10 * M, DAY, DAY + H)).toBe(DAY + H);
  });
});

describe('speed presets', () => {
  it('steps to the next preset either way and stops at the ends', () => {
    expect(stepSpeed(60, 1)).toBe(300);
    expect(stepSpeed(60, -1)).toBe(10);
    expect(stepSpeed(3600, 1)).toBe(3600);
    expect(stepSpeed(1, -1)).toBe(1);
    // A speed between presets (set by another client) goes to the neighbouring preset.
    expect(stepSpeed(100, 1)).toBe(300);
    expect(stepSpeed(100, -1)).toBe(60);
  });

  it('labels speeds with a times sign and thousands', () => {
    expect(speedLabel(60)).toBe('60×');
    expect(speedLabel(3600)).toBe('3,600×');
  });
});

describe('the clock between two frames', () => {
  const clock = { ts: DAY + 8 * H, startTs: DAY, endTs: DAY + 24 * H, speed: 60, playing: true };

  it('runs on at its speed while playing', () => {
    expect(clockAt(clock, 1000, 1500)).toBe(DAY + 8 * H + 30_000);
  });

  it('holds while paused', () => {
    expect(clockAt({ ...clock, playing: false }, 1000, 5000)).toBe(DAY + 8 * H);
  });

  it('does not run away from a stalled server, nor past the end of the day', () => {
    expect(clockAt(clock, 1000, 60_000)).toBe(DAY + 8 * H + 60_000);
    expect(clockAt({ ...clock, ts: DAY + 24 * H - 1000, speed: 3600 }, 0, 500)).toBe(DAY + 24 * H);
    expect(clockAt(clock, 1000, 900)).toBe(DAY + 8 * H);
  });
});

describe('the demand curve', () => {
  it('averages orders created per minute over bins, missing minutes as zero', () => {
    const pts = [point(DAY, 4), point(DAY + M, 6), point(DAY + 12 * M, 10)];
    expect(demandCurve(pts, DAY, DAY + 20 * M, 10)).toEqual([
      { ts: DAY, value: 1 },
      { ts: DAY + 10 * M, value: 1 },
    ]);
  });

  it('averages a last, shorter bin over its own length', () => {
    const bins = demandCurve([point(DAY + 10 * M, 5)], DAY, DAY + 15 * M, 10);
    expect(bins).toEqual([
      { ts: DAY, value: 0 },
      { ts: DAY + 10 * M, value: 1 },
    ]);
  });

  it('draws an area from edge to edge whose highest bin touches the top', () => {
    const d = areaPath(
      [
        { ts: DAY, value: 1 },
        { ts: DAY + 10 * M, value: 2 },
      ],
      DAY,
      DAY + 20 * M,
      200,
      40,
    );
    expect(d).toBe('M0,40 L0,20 L50,20 L150,0 L200,0 L200,40 Z');
  });

  it('draws nothing for a day without orders', () => {
    expect(areaPath([{ ts: DAY, value: 0 }], DAY, DAY + H, 100, 10)).toBe('');
    expect(areaPath([], DAY, DAY + H, 100, 10)).toBe('');
  });
});

describe('hour ticks and clock text', () => {
  it('spaces whole hours so that at most maxTicks fit', () => {
    expect(hourTicks(DAY, DAY + 24 * H - 1, 8).map((t) => t.label)).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
    expect(hourTicks(DAY + 30 * M, DAY + 3 * H + 30 * M, 8).map((t) => t.label)).toEqual(['01:00', '02:00', '03:00']);
    expect(hourTicks(DAY, DAY + 24 * H, 4).map((t) => t.label)).toEqual(['00:00', '06:00', '12:00', '18:00', '00:00']);
  });

  it('writes event times in UTC', () => {
    const ts = DAY + 8 * H + 5 * M + 9_000;
    expect(hhmm(ts)).toBe('08:05');
    expect(hhmmss(ts)).toBe('08:05:09');
    expect(longDate(ts)).toBe('Tuesday 24 November 2026');
    expect(shortDate(ts)).toBe('Tue 24 Nov 2026');
  });
});
